import { MEILI_PREFIX, type MeiliErrorFields } from '../api/index.ts';
import { requests } from './requests.ts';

// Errors on the Meilisearch-compatible surface (/meili/…) carry Meilisearch's fields as well
// (`message`, `code`, `type`, `link`: what the meilisearch client and instant-meilisearch
// read) next to the gateway's usual `error` object.

/** What of an HttpError (errors.ts) Meilisearch's fields are made from. */
type HttpError = { status: number; code: string; message: string; param?: string };

export const isMeiliPath = (path: string) => path === MEILI_PREFIX || path.startsWith(`${MEILI_PREFIX}/`);

// Meilisearch's search parameters: an invalid one is `invalid_search_<snake_case name>`.
const SEARCH_PARAMS = new Set(requests.meiliSearchParams);

const BY_GATEWAY_CODE: Record<string, string> = {
  invalid_json: 'malformed_payload',
  unsupported_media_type: 'invalid_content_type',
  payload_too_large: 'payload_too_large',
  unauthorized: 'invalid_api_key',
};

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function meiliCode(err: HttpError): string {
  if (err.code === 'invalid_parameter' && err.param) {
    const name = err.param.split('.').filter((s) => !/^\d+$/.test(s)).at(-1)!;
    if (name === 'uid' || name === 'indexUid') return 'invalid_index_uid';
    // Unknown fields, a missing `queries`, a body that is not an object: Meilisearch says bad_request.
    return SEARCH_PARAMS.has(name) ? `invalid_search_${snake(name)}` : 'bad_request';
  }
  return BY_GATEWAY_CODE[err.code] ?? err.code;
}

export function meiliErrorFields(err: HttpError): MeiliErrorFields {
  const code = meiliCode(err);
  const type = err.status === 503 ? 'system' : err.status >= 500 ? 'internal' : err.status === 401 || err.status === 403 ? 'auth' : 'invalid_request';
  return { message: err.message, code, type, link: `https://docs.meilisearch.com/errors#${code}` };
}
