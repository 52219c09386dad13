import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Bytes of every file under `dir`: what a database folder holds on disk. */
export async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const f of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (f.isFile()) total += (await stat(path.join(f.parentPath, f.name))).size;
  }
  return total;
}
