import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export interface CorpusDoc {
  id: string;
  lang: string;
  title: string;
  body: string;
  date?: string;
  source?: string;
  category?: string;
}

export const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared');
export const CORPUS_FILES = [
  path.join(SHARED, 'corpus', 'tr-news.ndjson.gz'),
  path.join(SHARED, 'corpus', 'en-news.ndjson.gz'),
  path.join(SHARED, 'seeds', 'seeds.ndjson'),
];

export async function loadCorpus(files = CORPUS_FILES): Promise<CorpusDoc[]> {
  const docs: CorpusDoc[] = [];
  for (const file of files) {
    if (!existsSync(file)) throw new Error(`missing ${file}: the benchmarks read ../shared beside the project`);
    const raw = createReadStream(file);
    const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      if (line.trim()) docs.push(JSON.parse(line) as CorpusDoc);
    }
  }
  return docs;
}
