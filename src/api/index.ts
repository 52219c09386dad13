// The HTTP contract: request and answer schemas, the names they use, and the types inferred
// from them. A leaf: it imports zod and iso-639-1, nothing of the app (tests/unit/api/leaf.test.ts).
export * from './errors.ts';
export * from './meili.ts';
export * from './requests/index.ts';
export * from './responses.ts';
export * from './rules.ts';
export * from './vocabulary.ts';
