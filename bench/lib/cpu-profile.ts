// Summary of a V8 CPU profile (`node --cpu-prof`): where a process's own time went, by module
// and by function, so a benchmark report can say what the indexer spends its CPU on without
// anyone opening the profile in DevTools.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parts of a .cpuprofile read here (V8's Profiler.Profile). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled time, ms (idle excluded). */
  totalMs: number;
  /** Self time per module: a project file, an npm package, node's internals, or V8's own (GC, program). */
  modules: { name: string; ms: number }[];
  /** Self time per function, named with its module. */
  functions: { name: string; ms: number }[];
}

/** Where a frame's code lives, as a reader of this repository names it. */
export function moduleOf(url: string, root: string): string {
  if (!url) return '(V8 and native)';
  if (url.startsWith('node:')) return 'node internals';
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return `npm: ${pkg[1]}`;
  const rel = path.relative(root, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

/**
 * Self time by module and by function, over one process's profiles (node writes one per thread:
 * the main thread and each worker). A sample's time is the delta to the next sample (V8's
 * timeDeltas[i + 1]), the last one's the delta before it; `(idle)` samples are not CPU.
 */
export function summariseProfile(profiles: CpuProfile | CpuProfile[], root: string, top = 15): ProfileSummary {
  const modules = new Map<string, number>();
  const functions = new Map<string, number>();
  let totalMs = 0;
  for (const profile of [profiles].flat()) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < profile.samples.length; i++) {
      const node = byId.get(profile.samples[i]!);
      if (!node) continue;
      const { functionName, url } = node.callFrame;
      if (functionName === '(idle)') continue;
      const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
      const mod = moduleOf(url, root);
      // No line: under tsx a frame's line is the transpiled module's, not the source's.
      const fn = url ? `${functionName || '(anonymous)'} (${mod})` : functionName || '(anonymous)';
      totalMs += ms;
      modules.set(mod, (modules.get(mod) ?? 0) + ms);
      functions.set(fn, (functions.get(fn) ?? 0) + ms);
    }
  }
  const ranked = (m: Map<string, number>) => [...m].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms).slice(0, top);
  return { totalMs, modules: ranked(modules), functions: ranked(functions) };
}
