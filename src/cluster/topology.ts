// Which Meilisearch nodes hold the index: one embedded engine (the default), or the nodes
// listed in MEILI_NODES. Node keys are secrets that Meilisearch's own GET /network shows in
// clear, so they never leave this module's objects by serialization: JSON, util.inspect and
// pino all see `[redacted]`.
import { readFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import { z } from 'zod';

export const REDACTED = '[redacted]';

/** One Meilisearch of the cluster. `key` is there to be used, not shown. */
export interface ClusterNode {
  readonly name: string;
  readonly url: string;
  readonly key: string;
}

export type Topology = { mode: 'single' } | { mode: 'cluster'; nodes: readonly ClusterNode[] };

// Node names double as Meilisearch's network remote names and placement's hash input:
// renaming a node moves its documents, so names are plain, stable identifiers.
const nodeSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only, at most 64'),
  url: z.url({ protocol: /^https?$/ }),
  key: z.string().min(1, 'each node needs its key'),
});

const nodesSchema = z
  .array(nodeSchema)
  .min(1, 'at least one node')
  .max(64)
  .superRefine((nodes, ctx) => {
    const seen = new Set<string>();
    nodes.forEach((n, i) => {
      if (seen.has(n.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate node name "${n.name}"` });
      seen.add(n.name);
    });
    const urls = new Set<string>();
    nodes.forEach((n, i) => {
      const u = n.url.replace(/\/+$/, '');
      if (urls.has(u)) ctx.addIssue({ code: 'custom', path: [i, 'url'], message: `two nodes at ${u}` });
      urls.add(u);
    });
  });


export class TopologyError extends Error {
  override name = 'TopologyError';
}

/** A node whose key no serializer prints: JSON.stringify, console.log and pino see `[redacted]`. */
export function clusterNode(name: string, url: string, key: string): ClusterNode {
  const node = { name, url: url.replace(/\/+$/, '') } as ClusterNode;
  Object.defineProperty(node, 'key', { value: key, enumerable: false });
  Object.defineProperty(node, 'toJSON', { value: () => redactNode(node), enumerable: false });
  Object.defineProperty(node, inspect.custom, { value: () => redactNode(node), enumerable: false });
  return Object.freeze(node);
}

/** What may be logged or shown about a node. */
export function redactNode(node: ClusterNode): { name: string; url: string; key: string } {
  return { name: node.name, url: node.url, key: REDACTED };
}

/** Parses a MEILI_NODES document; errors name the offending field, never its value. */
export function parseNodes(json: string, source = 'MEILI_NODES'): ClusterNode[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new TopologyError(`${source} is not valid JSON: ${(err as Error).message}`);
  }
  // `[nodes…]` or `{ "nodes": [nodes…] }` (cluster:local prints the first); not a zod union,
  // whose error would hide which field of which node is wrong.
  const wrapped = !!raw && typeof raw === 'object' && !Array.isArray(raw);
  const parsed = (wrapped ? z.strictObject({ nodes: nodesSchema }) : nodesSchema).safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${source}${i.path.length ? `.${i.path.join('.')}` : ''}: ${i.message}`);
    throw new TopologyError(`Invalid ${source}:\n${lines.join('\n')}`);
  }
  const data = parsed.data as z.infer<typeof nodesSchema> | { nodes: z.infer<typeof nodesSchema> };
  const list = Array.isArray(data) ? data : data.nodes;
  return list.map((n) => clusterNode(n.name, n.url, n.key));
}

/**
 * The topology MEILI_NODES describes: inline JSON (starts with `[` or `{`) or the path of a
 * JSON file (keeps keys out of the environment, which `ps e` shows). Unset: the single node.
 */
export async function loadTopology(meiliNodes: string | undefined): Promise<Topology> {
  const value = meiliNodes?.trim();
  if (!value) return { mode: 'single' };
  if (value.startsWith('[') || value.startsWith('{')) return { mode: 'cluster', nodes: parseNodes(value) };
  let text: string;
  try {
    text = await readFile(value, 'utf8');
  } catch (err) {
    throw new TopologyError(`MEILI_NODES names the file ${value}, which cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return { mode: 'cluster', nodes: parseNodes(text, `MEILI_NODES file ${value}`) };
}
