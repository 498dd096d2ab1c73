/**
 * Swarm faults (Groce et al., "Swarm Testing", ISSTA 2012; TigerBeetle's VOPR): instead of one
 * fixed fault mix for every seed, each seed switches each kind of fault on or off and draws its
 * own intensity, so a sweep visits very different regimes — a lossy but stable network, a
 * perfect network with crash storms, long partitions, skewed clocks — each printed readably.
 */
import type { Rng } from '../random/index';
import type { Fault } from './faults';
import { latency } from './network';
import type { NetworkModel } from './network';
import type { NodeId } from './types';

/** The kinds of fault a seed may switch on. */
export type SwarmFeature = 'loss' | 'duplication' | 'reordering' | 'slowNetwork' | 'partitions' | 'crashes' | 'flashCrashes' | 'clockSkew';

/** Every {@link SwarmFeature}, in the order they are drawn. */
export const SWARM_FEATURES: readonly SwarmFeature[] = ['loss', 'duplication', 'reordering', 'slowNetwork', 'partitions', 'crashes', 'flashCrashes', 'clockSkew'];

/** Options of {@link swarmFaults}. */
export interface SwarmOptions {
  /** The nodes that may crash or be partitioned. */
  readonly nodeIds: readonly NodeId[];
  /** Faults start in `[0, durationMs)`. */
  readonly durationMs: number;
  /** Probability that each feature is on for a seed (default 0.5, as in swarm testing). */
  readonly featureProbability?: number;
  /** Features never drawn (e.g. `['clockSkew']` for a protocol that reads clocks). */
  readonly exclude?: readonly SwarmFeature[];
  /** Highest message-loss probability (default 0.2). */
  readonly maxLoss?: number;
  /** Most partitions, crashes and flash crashes of one seed (default 6, 6 and 10). */
  readonly maxPartitions?: number;
  readonly maxCrashes?: number;
  readonly maxFlashCrashes?: number;
}

/** A seed's fault plan: the network and clocks to simulate with, the schedule, and its description. */
export interface SwarmPlan {
  /** The features this seed switched on. */
  readonly features: readonly SwarmFeature[];
  /** The link model for every link. */
  readonly network: NetworkModel;
  /** The fault schedule (partitions that heal, crashes with or without restart, flash crashes), by time. */
  readonly faults: readonly Fault[];
  /** Clock bounds to draw each node's clock from (absent: perfect clocks). */
  readonly clocks?: { readonly maxOffsetMs: number; readonly maxDriftPpm: number };
  /** The plan, one line per fault (Spanish: it is printed with a violation). */
  readonly description: string;
}

/**
 * Draws one seed's fault mix and schedule. Same stream, same plan.
 *
 * @example
 * const plan = swarmFaults(createRng(`${seed}/swarm`), { nodeIds, durationMs: 10_000 });
 * const sim = new Simulation({ seed, nodeIds, createNode, network: plan.network, faults: plan.faults, clocks: plan.clocks });
 * console.log(plan.description);
 */
export function swarmFaults(rng: Rng, options: SwarmOptions): SwarmPlan {
  const { nodeIds, durationMs } = options;
  if (nodeIds.length === 0) throw new RangeError('swarmFaults: nodeIds is empty');
  if (!(durationMs > 0) || !Number.isFinite(durationMs)) throw new RangeError(`swarmFaults: durationMs must be a finite number > 0, got ${durationMs}`);
  const p = options.featureProbability ?? 0.5;
  // Every feature is drawn (on or off) whatever is excluded, so excluding one keeps the others' draws.
  const features = SWARM_FEATURES.filter((feature) => rng.bernoulli(p) && !(options.exclude ?? []).includes(feature));
  const on = (feature: SwarmFeature) => features.includes(feature);
  const lines: string[] = [];

  const slow = rng.bernoulli(0.5) ? latency.exponential(rng.uniform(5, 40), 1) : latency.uniform(1, Math.round(rng.uniform(20, 80)));
  const fast = latency.uniform(1, Math.round(rng.uniform(3, 15)));
  const loss = round3(rng.uniform(0, options.maxLoss ?? 0.2));
  const duplicate = round3(rng.uniform(0, 0.1));
  const reorder = round3(rng.uniform(0, 0.3));
  const reorderDelayMs = Math.round(rng.uniform(5, 100));
  const network: NetworkModel = {
    latency: on('slowNetwork') ? slow : fast,
    ...(on('loss') ? { loss } : {}),
    ...(on('duplication') ? { duplicate } : {}),
    ...(on('reordering') ? { reorder, reorderDelayMs } : {}),
  };
  lines.push(`red: latencia ${describeLatency(network)}` + (on('loss') ? `, pérdida ${pct(loss)}` : '') + (on('duplication') ? `, duplicación ${pct(duplicate)}` : '') + (on('reordering') ? `, reordenación ${pct(reorder)} (+hasta ${reorderDelayMs} ms)` : ''));

  const clocks = { maxOffsetMs: Math.round(rng.uniform(1, 200)), maxDriftPpm: Math.round(rng.uniform(100, 50_000)) };
  if (on('clockSkew')) lines.push(`relojes: desfase hasta ±${clocks.maxOffsetMs} ms, deriva hasta ±${clocks.maxDriftPpm} ppm`);

  const faults: Fault[] = [];
  const at = () => Math.floor(rng.uniform(0, durationMs));
  if (on('partitions')) {
    const meanMs = rng.uniform(50, durationMs / 4);
    for (let i = rng.int(1, options.maxPartitions ?? 6); i > 0; i--) {
      const atMs = at();
      const healAtMs = atMs + Math.max(1, Math.round(rng.exponential(meanMs)));
      faults.push({ type: 'partition', atMs, groups: partitionShape(rng, nodeIds), healAtMs });
    }
  }
  if (on('crashes')) {
    const meanMs = rng.uniform(20, durationMs / 5);
    const restartProbability = rng.uniform(0.5, 1);
    for (let i = rng.int(1, options.maxCrashes ?? 6); i > 0; i--) {
      const atMs = at();
      const node = rng.choice(nodeIds);
      const restart = rng.bernoulli(restartProbability);
      const restartAtMs = atMs + Math.max(1, Math.round(rng.exponential(meanMs)));
      faults.push(restart ? { type: 'crash', atMs, node, restartAtMs } : { type: 'crash', atMs, node });
    }
  }
  if (on('flashCrashes')) {
    for (let i = rng.int(1, options.maxFlashCrashes ?? 10); i > 0; i--) {
      const atMs = at();
      faults.push({ type: 'crash', atMs, node: rng.choice(nodeIds), restartAtMs: atMs + rng.int(1, 5) });
    }
  }
  faults.sort((a, b) => a.atMs - b.atMs);
  for (const f of faults) lines.push(describeFault(f));
  if (features.length === 0) lines.push('sin fallos: red rápida y fiable');
  return { features, network, faults, ...(on('clockSkew') ? { clocks } : {}), description: lines.join('\n') };
}

/** A random partition shape: one node cut off, a majority/minority split, or three groups. */
function partitionShape(rng: Rng, nodeIds: readonly NodeId[]): NodeId[][] {
  const shuffled = rng.shuffle(nodeIds);
  if (shuffled.length < 2) return [shuffled];
  const shape = rng.int(0, 2);
  if (shape === 0) return [shuffled.slice(0, 1), shuffled.slice(1)];
  if (shape === 1 || shuffled.length < 3) {
    const cut = Math.floor(shuffled.length / 2);
    return [shuffled.slice(0, cut), shuffled.slice(cut)];
  }
  const a = rng.int(1, shuffled.length - 2);
  const b = rng.int(a + 1, shuffled.length - 1);
  return [shuffled.slice(0, a), shuffled.slice(a, b), shuffled.slice(b)];
}

/** One readable line per scheduled fault (Spanish). */
export function describeFault(f: Fault): string {
  const t = `t=${String(f.atMs).padStart(4, '0')}`;
  switch (f.type) {
    case 'partition':
      return `${t} partición ${f.groups.map((g) => `[${g.join(' ')}]`).join(' | ')}${f.healAtMs === undefined ? ' (sin curar)' : ` hasta t=${f.healAtMs}`}`;
    case 'crash': {
      if (f.restartAtMs === undefined) return `${t} caída de ${f.node} (sin reinicio)`;
      const down = f.restartAtMs - f.atMs;
      return down <= 5 ? `${t} caída relámpago de ${f.node} (${down} ms)` : `${t} caída de ${f.node}, reinicio en t=${f.restartAtMs}`;
    }
    case 'dropLink':
      return `${t} enlace ${f.from}${f.bothWays ? '↔' : '→'}${f.to} cortado${f.untilMs === undefined ? '' : ` hasta t=${f.untilMs}`}`;
  }
}

function describeLatency(network: NetworkModel): string {
  const l = network.latency;
  if (l === undefined) return 'por defecto';
  switch (l.kind) {
    case 'uniform':
      return `uniforme ${l.minMs}–${l.maxMs} ms`;
    case 'exponential':
      return `${l.minMs ?? 0} ms + exponencial de media ${Math.round(l.meanMs)} ms`;
    case 'constant':
      return `${l.ms} ms`;
    case 'normal':
      return `normal ${l.meanMs}±${l.stdDevMs} ms`;
  }
}

function pct(p: number): string {
  return `${(p * 100).toFixed(1)} %`;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
