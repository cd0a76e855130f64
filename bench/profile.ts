import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Hot spots of a V8 CPU profile (`--cpu-prof`): self time by function and by module, so a run with
 * `--cpu-prof` ends with where the subgraph spent its time, without opening DevTools.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface HotSpot {
  name: string;
  selfPercent: number;
}

/** The repository root as profiles write it (file URLs), so our frames can be named relative to it. */
const ROOT = pathToFileURL(fileURLToPath(new URL('../', import.meta.url))).href;

/** Where a frame lives: a package, a folder of ours, or Node's internals. */
function moduleOf(url: string): string {
  if (url === '') return '(native / V8)';
  const packaged = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packaged) return packaged[1]!;
  if (url.startsWith(ROOT)) return url.slice(ROOT.length).split('/').slice(0, -1).join('/');
  if (url.startsWith('node:')) return url;
  return url.split('/').slice(-2).join('/');
}

function shortUrl(url: string): string {
  const packaged = /node_modules\/(.+)$/.exec(url);
  if (packaged) return packaged[1]!;
  return url.startsWith(ROOT) ? url.slice(ROOT.length) : url;
}

export interface HotSpots {
  /** Share of samples in which the process was busy (not idle); the lists are shares of busy time. */
  busyPercent: number;
  functions: HotSpot[];
  modules: HotSpot[];
}

export function hotSpots(path: string, top = 15): HotSpots {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const all = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0) || 1;
  const idleHits = profile.nodes
    .filter((node) => node.callFrame.functionName === '(idle)')
    .reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  // Shares of busy time: an idle server (between rounds, at start-up) must not dilute the picture.
  const total = all - idleHits || 1;
  const idle = new Set(['(idle)', '(program)', '(garbage collector)']);
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0 || node.callFrame.functionName === '(idle)') continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = idle.has(functionName)
      ? functionName
      : `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
    const module = idle.has(functionName) ? functionName : moduleOf(url);
    byModule.set(module, (byModule.get(module) ?? 0) + hits);
  }
  const rank = (map: Map<string, number>): HotSpot[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, hits]) => ({ name, selfPercent: (100 * hits) / total }));
  return { busyPercent: (100 * total) / all, functions: rank(byFunction), modules: rank(byModule) };
}

export function renderHotSpots(label: string, spots: HotSpots): string {
  const lines = (list: HotSpot[]) => list.map((spot) => `  ${spot.selfPercent.toFixed(1).padStart(5)}%  ${spot.name}`);
  return [
    `CPU profile ${label} (busy ${spots.busyPercent.toFixed(0)}% of the time) — share of busy time by module:`,
    ...lines(spots.modules),
    `  by function:`,
    ...lines(spots.functions),
  ].join('\n');
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export interface HeapShare {
  name: string;
  sizeMB: number;
  count: number;
}

/** Node types whose objects are grouped by type alone (their names are contents, not kinds). */
const BY_TYPE = new Set(['string', 'concatenated string', 'sliced string', 'code', 'number', 'hidden', 'array']);

/**
 * What fills a heap snapshot (`v8.writeHeapSnapshot`): objects' own (shallow) sizes grouped by
 * constructor, strings, code and V8's internal arrays, largest first, with the total.
 */
export function heapShares(path: string, top = 15): { totalMB: number; shares: HeapShare[] } {
  const heap = JSON.parse(readFileSync(path, 'utf8')) as HeapSnapshot;
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field)) as [
    number,
    number,
    number,
  ];
  const groups = new Map<string, { size: number; count: number }>();
  let total = 0;
  for (let index = 0; index < heap.nodes.length; index += fields.length) {
    const type = types[heap.nodes[index + typeAt]!] ?? '?';
    const size = heap.nodes[index + sizeAt]!;
    const name = BY_TYPE.has(type) ? `(${type})` : `${heap.strings[heap.nodes[index + nameAt]!] ?? '?'} (${type})`;
    const group = groups.get(name) ?? { size: 0, count: 0 };
    group.size += size;
    group.count += 1;
    groups.set(name, group);
    total += size;
  }
  const shares = [...groups.entries()]
    .sort((a, b) => b[1].size - a[1].size)
    .slice(0, top)
    .map(([name, group]) => ({ name: name.slice(0, 80), sizeMB: group.size / 2 ** 20, count: group.count }));
  return { totalMB: total / 2 ** 20, shares };
}

export function renderHeapShares(label: string, heap: { totalMB: number; shares: HeapShare[] }): string {
  return [
    `Heap snapshot ${label}: ${heap.totalMB.toFixed(1)} MB of live objects — largest kinds by shallow size:`,
    ...heap.shares.map(
      (share) => `  ${share.sizeMB.toFixed(1).padStart(6)} MB  ${String(share.count).padStart(8)}×  ${share.name}`,
    ),
  ].join('\n');
}
