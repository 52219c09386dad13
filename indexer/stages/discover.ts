import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export const FORMATS = ['ndjson', 'jsonl', 'json', 'txt', 'md', 'markdown', 'html', 'htm'] as const;
export type Format = (typeof FORMATS)[number];

export interface InputFile {
  path: string;
  format: Format;
  gzip: boolean;
  size: number;
  mtimeMs: number;
  /** The folder the user named, when the file was found inside one (text files take their id from the path below it). */
  root?: string;
}

/** The format of a file from its name (`x.ndjson.gz` → ndjson, gzipped), or undefined. */
export function formatOf(file: string): { format: Format; gzip: boolean } | undefined {
  const name = path.basename(file).toLowerCase();
  const gzip = name.endsWith('.gz');
  const ext = path.extname(gzip ? name.slice(0, -3) : name).slice(1);
  return (FORMATS as readonly string[]).includes(ext) ? { format: ext as Format, gzip } : undefined;
}

export interface Discovery {
  files: InputFile[];
  /** Paths given that cannot be read or are of no known format. */
  problems: { file: string; reason: string }[];
}

/** Expands files and folders (recursively, sorted, hidden entries skipped) into input files. */
export async function discover(paths: string[]): Promise<Discovery> {
  const files: InputFile[] = [];
  const problems: Discovery['problems'] = [];
  const seen = new Set<string>();
  const add = async (p: string, root: string | undefined): Promise<void> => {
    let st;
    try {
      st = await stat(p);
    } catch (err) {
      problems.push({ file: p, reason: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String(err) });
      return;
    }
    if (st.isDirectory()) {
      const entries = (await readdir(p)).filter((e) => !e.startsWith('.')).sort();
      for (const e of entries) await add(path.join(p, e), root ?? p);
      return;
    }
    const fmt = formatOf(p);
    if (!fmt) {
      if (root === undefined) problems.push({ file: p, reason: `unsupported file type (expected ${FORMATS.join(', ')}, optionally .gz)` });
      return;
    }
    const abs = path.resolve(p);
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ path: p, ...fmt, size: st.size, mtimeMs: st.mtimeMs, ...(root !== undefined ? { root } : {}) });
  };
  for (const p of paths) await add(p, undefined);
  return { files, problems };
}
