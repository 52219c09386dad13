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
  /** Paths given that cannot be read or are of no known format, and symbolic link loops. */
  problems: { file: string; reason: string }[];
  /** Paths that led (through links) to a file or folder already found: read once, under the first path. */
  sameAs: { file: string; first: string }[];
}

const errorReason = (err: NodeJS.ErrnoException) =>
  err.code === 'ENOENT' ? 'no such file or folder' : err.code === 'ELOOP' ? 'symbolic link loop' : String(err.message);

/**
 * Expands files and folders (recursively, sorted, hidden entries skipped) into input files.
 * Symbolic links are followed; every file and folder is identified by device and inode, so
 * a folder linked into itself is walked once and a file with 41 links is read once.
 */
export async function discover(paths: string[]): Promise<Discovery> {
  const files: InputFile[] = [];
  const problems: Discovery['problems'] = [];
  const sameAs: Discovery['sameAs'] = [];
  const seen = new Map<string, string>();
  const add = async (p: string, root: string | undefined): Promise<void> => {
    let st;
    try {
      st = await stat(p); // follows links; a loop of links fails with ELOOP
    } catch (err) {
      problems.push({ file: p, reason: errorReason(err as NodeJS.ErrnoException) });
      return;
    }
    const key = `${st.dev}:${st.ino}`;
    const first = seen.get(key);
    if (first !== undefined) {
      sameAs.push({ file: p, first });
      return;
    }
    if (st.isDirectory()) {
      seen.set(key, p);
      let entries: string[];
      try {
        entries = (await readdir(p)).filter((e) => !e.startsWith('.')).sort();
      } catch (err) {
        problems.push({ file: p, reason: errorReason(err as NodeJS.ErrnoException) });
        return;
      }
      for (const e of entries) await add(path.join(p, e), root ?? p);
      return;
    }
    const fmt = formatOf(p);
    if (!fmt || !st.isFile()) {
      if (root === undefined) problems.push({ file: p, reason: `unsupported file type (expected ${FORMATS.join(', ')}, optionally .gz)` });
      return;
    }
    seen.set(key, p);
    files.push({ path: p, ...fmt, size: st.size, mtimeMs: st.mtimeMs, ...(root !== undefined ? { root } : {}) });
  };
  for (const p of paths) await add(p, undefined);
  return { files, problems, sameAs };
}
