// Reads the head of the shared news corpus (../shared/corpus, beside the project; never
// copied into the repo). Only the first `limit` lines are decompressed: the stream stops early.
import { existsSync, createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

export interface CorpusDoc {
  id: string;
  lang: string;
  title: string;
  body: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));

export function corpusPath(lang: 'tr' | 'en'): string {
  return path.resolve(here, `../../../../shared/corpus/${lang}-news.ndjson.gz`);
}

/** A reason to skip corpus tests when the shared corpus is not checked out beside the project. */
export function corpusMissing(lang: 'tr' | 'en'): string | false {
  return existsSync(corpusPath(lang)) ? false : `corpus not found at ${corpusPath(lang)}`;
}

export async function readCorpusHead(lang: 'tr' | 'en', limit: number): Promise<CorpusDoc[]> {
  const input = createReadStream(corpusPath(lang));
  const lines = createInterface({ input: input.pipe(createGunzip()), crlfDelay: Infinity });
  const docs: CorpusDoc[] = [];
  try {
    for await (const line of lines) {
      if (!line.trim()) continue;
      docs.push(JSON.parse(line) as CorpusDoc);
      if (docs.length >= limit) break;
    }
  } finally {
    lines.close();
    input.destroy();
  }
  return docs;
}
