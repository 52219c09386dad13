import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './errors.ts';
import { isMeiliPath } from './meili-errors.ts';

// Hashing both sides first makes the comparison constant-time whatever the lengths:
// timingSafeEqual needs equal lengths, and an early length check would leak the key's length.
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return m?.[1];
}

/**
 * Requires `Authorization: Bearer <key>`. Without a configured key the routes are
 * disabled (403), never open.
 */
export function requireKey(key: string | undefined, what: 'admin' | 'public'): RequestHandler {
  return (req, res, next) => {
    if (!key) return next(new HttpError(403, 'admin_api_disabled', 'The admin API is disabled: set ADMIN_API_KEY to enable it.'));
    const given = bearer(req.get('authorization'));
    if (given !== undefined && sameSecret(given, key)) return next();
    res.set('WWW-Authenticate', `Bearer realm="${what}"`);
    // The Meilisearch-compatible surface answers as Meilisearch does, which its clients expect.
    if (isMeiliPath(req.path)) {
      next(
        given === undefined
          ? new HttpError(401, 'missing_authorization_header', 'The Authorization header is missing. It must use the bearer authorization method.')
          : new HttpError(403, 'invalid_api_key', 'The provided API key is invalid.'),
      );
      return;
    }
    next(new HttpError(401, 'unauthorized', given === undefined ? 'Missing Authorization: Bearer <key> header.' : 'Invalid API key.'));
  };
}
