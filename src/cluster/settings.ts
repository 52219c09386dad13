// The same index settings on every node, and proof of it. Federated hits are merged by
// ranking score, which is only comparable between nodes that rank alike: one node with other
// ranking rules, synonyms or stop words would silently skew every merged answer. So settings
// are applied to every node with the single-node code path (ensureIndex), read back, and
// compared by digest; the gateway is to refuse a cluster whose nodes differ and name them.
import { createHash } from 'node:crypto';
import type { Settings } from 'meilisearch';
import { createClient } from '../meili/client.ts';
import { currentSettings, desiredSettings, ensureIndex, settingsDiff } from '../meili/settings.ts';
import type { ClusterNode } from './topology.ts';

const ADMIN_TIMEOUT_MS = 30_000;

/** JSON with object keys sorted at every level: equal settings give equal text. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as Record<string, unknown>)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

/** SHA-256 (hex) of the canonical JSON of a node's settings as Meilisearch reports them. */
export function settingsDigest(settings: Settings): string {
  return createHash('sha256').update(canonicalJson(settings)).digest('hex');
}

export type NodeSettings =
  | { node: string; settings: Settings; digest: string }
  | { node: string; error: string };

export interface SettingsReport {
  /** Every node answered, all with one digest, and it matches the project's settings. */
  consistent: boolean;
  /** The digest most nodes have (ties: the first listed node's). */
  digest?: string;
  /** Nodes whose settings differ from that digest or from config/index-settings.json. */
  differing: string[];
  /** Nodes that could not be read (down, wrong key, no index). */
  unreachable: { node: string; error: string }[];
}

/**
 * Which nodes differ: from the majority digest, or from the desired settings (so a cluster
 * where every node drifted alike is not "consistent" either). Pure: tested on recorded settings.
 */
export function compareSettings(reads: readonly NodeSettings[], desired: Settings = desiredSettings()): SettingsReport {
  const ok = reads.filter((r): r is Extract<NodeSettings, { digest: string }> => 'digest' in r);
  const unreachable = reads.filter((r): r is Extract<NodeSettings, { error: string }> => 'error' in r).map((r) => ({ node: r.node, error: r.error }));
  const counts = new Map<string, number>();
  for (const r of ok) counts.set(r.digest, (counts.get(r.digest) ?? 0) + 1);
  let digest: string | undefined;
  for (const r of ok) if (digest === undefined || counts.get(r.digest)! > counts.get(digest)!) digest = r.digest;
  const differing = ok
    .filter((r) => r.digest !== digest || Object.keys(settingsDiff(r.settings, desired)).length > 0)
    .map((r) => r.node);
  return { consistent: unreachable.length === 0 && differing.length === 0 && ok.length > 0, digest, differing, unreachable };
}

/** Each node's settings of the index and their digest, read in parallel. */
export async function readNodeSettings(nodes: readonly ClusterNode[], uid: string): Promise<NodeSettings[]> {
  return Promise.all(
    nodes.map(async (n): Promise<NodeSettings> => {
      try {
        const settings = await currentSettings(createClient(n, ADMIN_TIMEOUT_MS), uid);
        return { node: n.name, settings, digest: settingsDigest(settings) };
      } catch (err) {
        return { node: n.name, error: (err as Error).message };
      }
    }),
  );
}

/** Creates the index where missing and applies the settings on every node, then verifies them. */
export async function applySettingsEverywhere(nodes: readonly ClusterNode[], uid: string, waitMs = 600_000): Promise<SettingsReport> {
  await Promise.all(nodes.map((n) => ensureIndex(createClient(n, ADMIN_TIMEOUT_MS), uid, waitMs)));
  return checkSettings(nodes, uid);
}

/** Reads every node's settings and reports which differ (what the gateway refuses to serve from). */
export async function checkSettings(nodes: readonly ClusterNode[], uid: string): Promise<SettingsReport> {
  return compareSettings(await readNodeSettings(nodes, uid));
}

/** The message the gateway gives when it refuses to serve from a cluster. */
export function describeSettingsProblem(report: SettingsReport): string | undefined {
  if (report.consistent) return undefined;
  const parts: string[] = [];
  if (report.differing.length) parts.push(`index settings differ on ${report.differing.join(', ')}`);
  if (report.unreachable.length) parts.push(`settings unreadable on ${report.unreachable.map((u) => u.node).join(', ')}`);
  return parts.join('; ') || 'no node answered';
}
