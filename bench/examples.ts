// The queries of issue 9 on the benchmark's project index (built by `npm run bench:relevance`):
// top titles and whether each hit holds a query word as the gateway's own matcher reads it.
// Run: npx tsx bench/examples.ts [query…]
import { readEnv } from '../src/env.ts';
import { createClient } from '../src/meili/client.ts';
import { connectMeili } from '../src/engine/connect.ts';
import { search, type SortOrder } from '../src/search/service.ts';

const DEFAULT = ['deprem', 'deprem|date:desc', 'imamoğlu gözaltı', 'imamoğlu', 'elections turkey', 'earthquake', 'cumhurbaskani', 'cumhurbaskani|relevance|en', 'sis', 'şiş', 'erdogn', 'enflasyn'];
const TOP = 5;

async function main() {
  const env = readEnv({ MEILI_DATA_DIR: 'data/bench-meili', ...process.env });
  const conn = await connectMeili(env, 'indexer');
  const client = createClient(conn, 30_000);
  try {
    for (const spec of process.argv.length > 2 ? process.argv.slice(2) : DEFAULT) {
      const [q, sort = 'relevance', lang] = spec.split('|') as [string, SortOrder?, string?];
      const r = await search({ client, indexUid: 'bench_project' }, { q, sort, page: 1, perPage: TOP, facets: [], ...(lang ? { lang: [lang] } : {}) });
      const clean = r.hits.filter((h) => h.matches.length > 0).length;
      process.stdout.write(`\n${q}${sort !== 'relevance' ? ` (sort=${sort})` : ''}${lang ? ` (lang=${lang})` : ''} — ${r.total} hits, ${clean}/${r.hits.length} of the top ${TOP} hold a query word; stems ${JSON.stringify(r.rewrite.stems)}\n`);
      for (const h of r.hits) process.stdout.write(`  ${h.matches.length > 0 ? '✓' : '✗'} [${h.lang}] ${h.title.slice(0, 90)}\n`);
    }
  } finally {
    await conn.close?.();
  }
}

await main();
