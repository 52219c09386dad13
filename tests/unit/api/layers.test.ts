// The layering the code relies on, checked from the import statements of every source file
// (type-only imports included): the contract (src/api) is a leaf, the widget reads only the
// contract, and no two folders import each other, directly or round a longer loop.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { PROJECT_ROOT } from '../../helpers/meili.ts';

const ROOTS = ['src', 'indexer', 'widget'];

/** Every .ts file under the roots, project-relative. */
function sources(): string[] {
  return ROOTS.flatMap((r) =>
    (readdirSync(path.join(PROJECT_ROOT, r), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => path.join(r, f)),
  );
}

/** What a file imports: project-relative paths for relative imports, package names otherwise. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) =>
    fileName.startsWith('.') ? path.normalize(path.join(path.dirname(file), fileName)) : fileName,
  );
}

/** A file's layer: its folder under src/ (src/search), a file directly in src/ on its own, or indexer/ and widget/ whole. */
function layerOf(file: string): string {
  const parts = file.split(path.sep);
  if (parts[0] !== 'src') return parts[0]!;
  return parts.length > 2 ? `src/${parts[1]}` : file;
}

const graph = new Map<string, Set<string>>();
for (const file of sources()) {
  const from = layerOf(file);
  for (const target of importsOf(file)) {
    if (!ROOTS.some((r) => target.startsWith(`${r}${path.sep}`))) continue;
    const to = layerOf(target);
    if (to !== from) (graph.get(from) ?? graph.set(from, new Set()).get(from)!).add(to);
  }
}

/** One import loop between layers, as the path round it, or undefined. */
function findCycle(): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      if (state.get(m) === 'open') return [...stack.slice(stack.indexOf(m)), m];
      if (!state.has(m)) {
        const found = visit(m);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of graph.keys()) {
    if (state.has(n)) continue;
    const found = visit(n);
    if (found) return found;
  }
  return undefined;
}

describe('layers', () => {
  it('src/api imports nothing of the app: zod, iso-639-1 and its own files only', () => {
    const files = sources().filter((f) => f.startsWith(`src${path.sep}api${path.sep}`));
    assert.ok(files.length > 0);
    for (const file of files) {
      for (const target of importsOf(file)) {
        const ok = ['zod', 'iso-639-1'].includes(target) || target.startsWith(`src${path.sep}api${path.sep}`);
        assert.ok(ok, `${file} imports ${target}`);
      }
    }
  });

  it('the widget reads only the contract from src/', () => {
    for (const file of sources().filter((f) => f.startsWith(`widget${path.sep}`))) {
      for (const target of importsOf(file).filter((t) => t.startsWith(`src${path.sep}`))) {
        assert.ok(target.startsWith(`src${path.sep}api${path.sep}`), `${file} imports ${target}`);
      }
    }
  });

  it('no import loop between folders', () => {
    assert.ok(graph.size > 10, 'the import graph was read');
    const cycle = findCycle();
    assert.equal(cycle, undefined, `import loop: ${cycle?.join(' → ')}`);
  });
});
