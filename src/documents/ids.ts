import { createHash } from 'node:crypto';

/**
 * Longest document id, in UTF-16 code units, that the document API and the indexer accept:
 * longer ids are refused by both, so a document the indexer wrote can always be read back.
 */
export const MAX_ID_LENGTH = 10_000;

// Meilisearch accepts primary keys of [A-Za-z0-9_-], at most 511 bytes.
const MEILI_SAFE_ID = /^[A-Za-z0-9_-]{1,511}$/;
// What a derived key looks like: an id of this shape is hashed too, so it cannot collide with one.
const DERIVED = /^h_[A-Za-z0-9_-]{43}$/;

/**
 * The Meilisearch primary key for a document id: the id itself when Meilisearch accepts
 * it, else a hash of it (`h_` + base64url SHA-256), so any id can be indexed and looked up
 * while results still show the original.
 */
export function primaryKeyFor(id: string): string {
  if (MEILI_SAFE_ID.test(id) && !DERIVED.test(id)) return id;
  return `h_${createHash('sha256').update(id, 'utf8').digest('base64url')}`;
}

/** A stable id for a document that has none: the same content gives the same id on re-runs. */
export function contentId(title: string, body: string): string {
  return createHash('sha256').update(`${title}\u0000${body}`, 'utf8').digest('hex').slice(0, 32);
}
