import ISO6391 from 'iso-639-1';

/** The language code of a document or query whose language is not known (ISO 639-2 `und`). */
export const UNDETERMINED = 'und';

/** Whether a (lower-case) code is an ISO 639-1 language or `und`. */
export function isLanguageCode(code: string): boolean {
  return code === UNDETERMINED || ISO6391.validate(code);
}
