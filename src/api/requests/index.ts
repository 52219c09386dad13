import type { z } from 'zod';
import type { RequestRules } from '../rules.ts';
import { documentRequests } from './documents.ts';
import { meiliRequests } from './meili.ts';
import { searchRequests } from './search.ts';
import { suggestRequests } from './suggest.ts';

export { intParam, langList, nameList } from './common.ts';

/** Every request schema of the contract, with the app's checks in them; `F`: what a filter is read into. */
export function requestSchemas<F>(rules: RequestRules<F>) {
  return { ...searchRequests(rules), ...suggestRequests(rules), ...documentRequests(rules), ...meiliRequests(rules) };
}

type Schemas<F> = ReturnType<typeof requestSchemas<F>>;

/** GET /search as validated (defaults filled, lists split, facet values as keys). */
export type SearchQuery = z.output<Schemas<unknown>['searchQuery']>;
export type SuggestQuery = z.output<Schemas<unknown>['suggestQuery']>;
export type InputDocument = z.output<Schemas<unknown>['inputDocument']>;
export type MeiliSearchParams<F> = z.output<Schemas<F>['meiliSearchBody']>;
export type MeiliMultiSearchParams<F> = z.output<Schemas<F>['meiliMultiSearchBody']>;
export type MeiliFacetSearchParams<F> = z.output<Schemas<F>['meiliFacetSearchBody']>;
