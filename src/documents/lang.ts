import { isLanguageCode } from '../analysis/lang-code.ts';
import { DocumentError } from './types.ts';

/** A document's `lang` as stored: lower case, ISO 639-1 or `und`; anything else is refused. */
export function normalizeLang(value: string): string {
  const code = value.trim().toLowerCase();
  if (isLanguageCode(code)) return code;
  throw new DocumentError(`lang "${value}" is not an ISO 639-1 code (e.g. tr, en)`);
}
