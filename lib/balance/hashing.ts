/**
 * The hashing algorithms side by side: one `lookup` per algorithm over the same servers, and
 * the measurements the chapter plots (load per server, keys moved by a join or a leave,
 * max/mean load against virtual nodes), all deterministic from a seed.
 * @packageDocumentation
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { BoundedLoadRing } from './bounded';
import { jumpLookup } from './jump';
import { MaglevTable } from './maglev';
import { RendezvousHash } from './rendezvous';
import { ConsistentHashRing, moduloLookup } from './ring';

/** The hashing schemes the chapter compares. */
export type HashingAlgorithm = 'modulo' | 'lecture' | 'ring' | 'bounded' | 'jump' | 'rendezvous' | 'maglev';

/** Every algorithm, in the order the plots show them. */
export const HASHING_ALGORITHMS: readonly HashingAlgorithm[] = ['modulo', 'lecture', 'ring', 'bounded', 'jump', 'rendezvous', 'maglev'];

/** Spanish label of each algorithm, for plots and tables. */
export const HASHING_LABELS: Readonly<Record<HashingAlgorithm, string>> = {
  modulo: 'módulo (hash % N)',
  lecture: 'anillo de la lección (3 nodos virtuales)',
  ring: 'anillo (100 nodos virtuales)',
  jump: 'jump hash',
  rendezvous: 'rendezvous (HRW)',
  maglev: 'Maglev (M = 65 537)',
  bounded: 'carga acotada c = 1,25 (3 n. v.)',
};

/** Options of {@link hashingLookup}. */
export interface HashingOptions {
  /** Virtual nodes per server of `ring`; default 100. */
  readonly virtualNodes?: number;
  /** Virtual nodes per server of `bounded`; default 3, the lecture's, where the bound matters most. */
  readonly boundedVirtualNodes?: number;
  /** Maglev's table size (a prime); default 65 537. */
  readonly maglevSize?: number;
  /** Bounded loads' factor in percent; default 125. */
  readonly balanceFactor?: number;
}

/**
 * A lookup function `key → server` for `algorithm` over `servers`. `bounded` is stateful: each
 * call assigns one more key (and keeps it), so call it once per key.
 * @example
 * const lookup = hashingLookup('jump', ['S1', 'S2', 'S3']);
 * lookup('usuario:42'); // 'S1', 'S2' or 'S3'
 */
export function hashingLookup(algorithm: HashingAlgorithm, servers: readonly string[], options: HashingOptions = {}): (key: string) => string {
  if (servers.length === 0) throw new Error('la lista de servidores está vacía: no hay a quién asignar claves');
  const list = servers.slice();
  switch (algorithm) {
    case 'modulo':
      return (key) => moduloLookup(key, list);
    case 'lecture': {
      const ring = new ConsistentHashRing(list, { virtualNodes: 3 });
      return (key) => ring.lookup(key);
    }
    case 'ring': {
      const ring = new ConsistentHashRing(list, { virtualNodes: options.virtualNodes ?? 100 });
      return (key) => ring.lookup(key);
    }
    case 'jump':
      // Jump hash numbers buckets 0..N−1: server i is bucket i, so only the last can leave cheaply.
      return (key) => list[jumpLookup(key, list.length)] as string;
    case 'rendezvous': {
      const hrw = new RendezvousHash(list);
      return (key) => hrw.lookup(key);
    }
    case 'maglev': {
      const table = new MaglevTable(list, options.maglevSize);
      return (key) => table.lookup(key);
    }
    case 'bounded': {
      const bounded = new BoundedLoadRing(list, { virtualNodes: options.boundedVirtualNodes ?? 3, balanceFactor: options.balanceFactor ?? 125 });
      return (key) => bounded.assign(key);
    }
    default:
      throw new RangeError(`algoritmo de hashing desconocido: ${String(algorithm)}`);
  }
}

/** `count` distinct keys such as `"u5-3f9a2c01"`, the same for the same seed. */
export function sampleKeys(count: number, seed: Seed): string[] {
  const rng = createRng(seed);
  const keys: string[] = [];
  for (let i = 0; i < count; i++) keys.push(`u${i}-${rng.int(0, 0xffffffff).toString(16).padStart(8, '0')}`);
  return keys;
}

/** Keys per server (every server present, in the order of `servers`). */
export function loadPerServer(keys: readonly string[], servers: readonly string[], lookup: (key: string) => string): Map<string, number> {
  const load = new Map<string, number>(servers.map((s) => [s, 0]));
  for (const key of keys) {
    const server = lookup(key);
    load.set(server, (load.get(server) ?? 0) + 1);
  }
  return load;
}

/** Summary of a load: max, min, mean and max/mean (1 is perfect balance). */
export interface LoadStats {
  readonly max: number;
  readonly min: number;
  readonly mean: number;
  readonly maxOverMean: number;
}

/** Max, min, mean and max/mean of a load per server. */
export function loadStats(load: ReadonlyMap<string, number>): LoadStats {
  const values = [...load.values()];
  if (values.length === 0) throw new Error('no hay servidores');
  const max = Math.max(...values);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { max, min: Math.min(...values), mean, maxOverMean: mean === 0 ? 1 : max / mean };
}

/** One row of {@link movedExperiment}: the fraction of keys that changed server. */
export interface MovedRow {
  readonly algorithm: HashingAlgorithm;
  readonly change: 'join' | 'leave';
  readonly moved: number;
  readonly fraction: number;
  /** Moved keys that went to the joining server or came from the leaving one (the unavoidable kind). */
  readonly movedWithChanged: number;
  /** Moved keys that went from one staying server to another staying server (needless moves). */
  readonly movedAmongOthers: number;
  /** The least any scheme can move: 1/(N + 1) for a join, 1/N for a leave. */
  readonly ideal: number;
}

/**
 * Keys moved when one server joins (`S{N+1}` is appended) and when one leaves (the last of the
 * list, the only one jump hash can drop without renumbering), per algorithm, on the same keys.
 */
export function movedExperiment(keys: readonly string[], servers: readonly string[], algorithms: readonly HashingAlgorithm[] = ['modulo', 'lecture', 'ring', 'jump', 'rendezvous', 'maglev']): MovedRow[] {
  const rows: MovedRow[] = [];
  const joined = [...servers, `S${servers.length + 1}`];
  const left = servers.slice(0, -1);
  for (const algorithm of algorithms) {
    const before = keys.map(hashingLookup(algorithm, servers));
    for (const change of ['join', 'leave'] as const) {
      const lookup = hashingLookup(algorithm, change === 'join' ? joined : left);
      const changed = change === 'join' ? (joined[joined.length - 1] as string) : (servers[servers.length - 1] as string);
      let moved = 0;
      let movedWithChanged = 0;
      keys.forEach((key, i) => {
        const after = lookup(key);
        if (after === before[i]) return;
        moved += 1;
        if (after === changed || before[i] === changed) movedWithChanged += 1;
      });
      rows.push({
        algorithm, change, moved, fraction: moved / keys.length, movedWithChanged, movedAmongOthers: moved - movedWithChanged,
        ideal: change === 'join' ? 1 / joined.length : 1 / servers.length,
      });
    }
  }
  return rows;
}

/** One row of {@link virtualNodesExperiment}. */
export interface VirtualNodesRow {
  readonly virtualNodes: number;
  /** Max/mean share of the ring, averaged over the layouts (the load with infinitely many keys). */
  readonly maxOverMean: number;
  /** The worst layout's max/mean. */
  readonly worst: number;
  /** 1 + E[max of N standard normals]/√v: each server's share is a sum of v arcs (relative spread 1/√v). */
  readonly theory: number;
}

/**
 * The share of the circle (0..1) each server owns: point p_i owns the keys in [p_{i−1}, p_i),
 * the first point also the wrap-around arc. This is the load with infinitely many keys.
 */
export function arcShares(ring: ConsistentHashRing): Map<string, number> {
  const shares = new Map<string, number>(ring.servers.map((s) => [s, 0]));
  const points = ring.points();
  const last = points[points.length - 1];
  points.forEach((p, i) => {
    const previous = i === 0 ? (last as { point: number }).point - 2 ** 32 : (points[i - 1] as { point: number }).point;
    shares.set(p.server, (shares.get(p.server) ?? 0) + (p.point - previous) / 2 ** 32);
  });
  return shares;
}

/**
 * Max/mean load of the ring against virtual nodes per server, from the arcs of `layouts` rings
 * of `servers` servers (names `S1…SN` renamed per layout: `L2/S1`, …), next to 1 + z_N/√v.
 */
export function virtualNodesExperiment(servers: number, virtualNodes: readonly number[], layouts = 10): VirtualNodesRow[] {
  const z = expectedMaxNormal(servers);
  return virtualNodes.map((v) => {
    let sum = 0;
    let worst = 0;
    for (let layout = 0; layout < layouts; layout++) {
      const names = Array.from({ length: servers }, (_, i) => (layout === 0 ? `S${i + 1}` : `L${layout}/S${i + 1}`));
      const ratio = loadStats(arcShares(new ConsistentHashRing(names, { virtualNodes: v }))).maxOverMean;
      sum += ratio;
      worst = Math.max(worst, ratio);
    }
    return { virtualNodes: v, maxOverMean: sum / layouts, worst, theory: 1 + z / Math.sqrt(v) };
  });
}

/** E[max of n independent standard normals], by numerical integration (≈ 1,54 for n = 10). */
export function expectedMaxNormal(n: number): number {
  if (n <= 1) return 0;
  let sum = 0;
  const step = 0.001;
  for (let x = -8; x <= 8; x += step) {
    const density = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    sum += x * n * density * normalCdf(x) ** (n - 1) * step;
  }
  return sum;
}

/** Φ(x), the standard normal CDF (Abramowitz & Stegun 7.1.26 erf, error < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
