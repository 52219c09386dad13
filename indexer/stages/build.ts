import { buildDocument } from '../../src/documents/build.ts';
import { DocumentError } from '../../src/documents/types.ts';
import type { Failure, Origin } from '../types.ts';
import type { Entry } from './push.ts';

import { MAX_ID_LENGTH } from '../../src/documents/ids.ts';

// The document API refuses longer ids: the indexer takes the same limit, so every indexed
// document stays addressable.
export { MAX_ID_LENGTH };

export const where = (o: Origin) => (o.line ? `${o.file}:${o.line}` : o.file);

export type Built = { entry: Entry } | { failure: Failure } | { skip: Failure };

/**
 * Turns records into documents: validated and analysed, ids the document API could also
 * address, and a later duplicate of an id in the same run skipped (not silently merged).
 */
export class Builder {
  // First place each id was seen.
  private seen = new Map<string, string>();

  constructor(private lang?: string) {}

  build(record: unknown, origin: Origin): Built {
    const id = (record as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && id.length > MAX_ID_LENGTH) {
      return { failure: { ...origin, reason: `id is longer than ${MAX_ID_LENGTH} characters (the document API could not address it)`, record } };
    }
    let entry: Entry;
    try {
      entry = { doc: buildDocument(record, { lang: this.lang }), origin, record };
    } catch (err) {
      if (!(err instanceof DocumentError)) throw err;
      return { failure: { ...origin, id: typeof id === 'string' ? id : undefined, reason: err.message, record } };
    }
    const first = this.seen.get(entry.doc.pk);
    if (first !== undefined) return { skip: { ...origin, id: entry.doc.id, reason: `duplicate id "${entry.doc.id}" (first at ${first})` } };
    this.seen.set(entry.doc.pk, where(origin));
    return { entry };
  }
}
