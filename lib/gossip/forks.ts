/**
 * Forks from propagation delay: miners on a random overlay, blocks flooded hop by hop. When a
 * block takes Δ to reach the others, a competing block found meanwhile makes a fork; the
 * most-work rule keeps one branch and the other's blocks go **stale**. The stale rate grows
 * with Δ / T (T the block interval), roughly as 1 − e^(−Δ/T).
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { latency } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { NodeId } from '../sim/types';
import { MinerNode } from './miner';
import type { MinerMessage, SimBlock } from './miner';

/** A random connected overlay: a ring (so it is connected) plus `extra` random chords per node. */
export function randomOverlay(ids: readonly NodeId[], seed: Seed, extra = 1): Map<NodeId, NodeId[]> {
  const rng = createRng(`${String(seed)}/overlay`);
  const edges = new Map<NodeId, Set<NodeId>>(ids.map((id) => [id, new Set<NodeId>()]));
  const link = (a: NodeId, b: NodeId) => {
    if (a === b) return;
    edges.get(a)?.add(b);
    edges.get(b)?.add(a);
  };
  ids.forEach((id, i) => link(id, ids[(i + 1) % ids.length] as NodeId));
  for (const id of ids) for (let k = 0; k < extra; k++) link(id, rng.choice(ids));
  return new Map([...edges].map(([id, set]) => [id, [...set].sort()]));
}

/** Options of {@link forkRun}. */
export interface ForkRunOptions {
  readonly seed: Seed;
  readonly miners?: number;
  readonly blockIntervalMs: number;
  /** Per-hop delay: each message takes uniform(0.5, 1.5) × this. */
  readonly hopDelayMs: number;
  /** Blocks to mine (expected; mining stops after blocks × interval). */
  readonly blocks: number;
  readonly trace?: boolean;
}

/** The outcome of {@link forkRun}. */
export interface ForkRunResult {
  readonly mined: number;
  readonly mainChain: number;
  readonly stale: number;
  readonly staleRate: number;
  /** Mean time from a block's mining to its arrival at each other node. */
  readonly meanPropagationMs: number;
  /** True when every node ends on the same tip. */
  readonly converged: boolean;
  readonly deepestReorg: number;
  readonly sim: Simulation<MinerMessage, MinerNode>;
}

/**
 * One mining run: `miners` equal miners, flooding over a random overlay, then a quiet period.
 *
 * @example
 * forkRun({ seed: 1, blockIntervalMs: 1_000, hopDelayMs: 100, blocks: 300 }).staleRate; // ≈ 0,2
 */
export function forkRun(options: ForkRunOptions): ForkRunResult {
  const n = options.miners ?? 20;
  const ids = Array.from({ length: n }, (_, i) => `m${i + 1}`);
  const overlay = randomOverlay(ids, options.seed);
  const stopMs = options.blocks * options.blockIntervalMs;
  const sim = new Simulation<MinerMessage, MinerNode>({
    seed: options.seed,
    trace: options.trace ?? false,
    nodeIds: ids,
    network: { latency: latency.uniform(options.hopDelayMs * 0.5, options.hopDelayMs * 1.5) },
    createNode: (c) => new MinerNode(c, { neighbours: overlay.get(c.id) ?? [], hashShare: 1 / n, blockIntervalMs: options.blockIntervalMs, stopMiningAtMs: stopMs }),
  });
  // After mining stops, let every block arrive; a tie at the top (two tips of equal height)
  // lasts until the next block, so one miner mines one more, and the network settles again.
  const settleMs = 50 * options.hopDelayMs + 1_000;
  sim.runUntilTime(stopMs + settleMs);
  sim.inject(ids[0] as NodeId, { type: 'MineNow' }, { from: ids[0] as NodeId });
  sim.runUntilTime(stopMs + 2 * settleMs);
  const nodes = [...sim.nodes.values()];
  const all = new Map<string, SimBlock>();
  for (const node of nodes) for (const b of node.mined) all.set(b.hash, b);
  const best = nodes.reduce((a, b) => (b.tip.height > a.tip.height ? b : a));
  const mainChain = best.tip.height;
  const tips = new Set(nodes.map((node) => node.tip.hash));
  return {
    mined: all.size,
    mainChain,
    stale: all.size - mainChain,
    staleRate: all.size === 0 ? 0 : (all.size - mainChain) / all.size,
    meanPropagationMs: meanPropagation(nodes, all),
    converged: tips.size === 1,
    deepestReorg: Math.max(0, ...nodes.flatMap((node) => node.reorgs.map((r) => r.depth))),
    sim,
  };
}

function meanPropagation(nodes: readonly MinerNode[], all: ReadonlyMap<string, SimBlock>): number {
  let sum = 0;
  let count = 0;
  for (const node of nodes) {
    for (const [hash, at] of node.firstSeenMs) {
      const b = all.get(hash);
      if (b === undefined || b.miner === node.id) continue;
      sum += at - b.timeMs;
      count++;
    }
  }
  return count === 0 ? 0 : sum / count;
}

/** One point of {@link staleRateExperiment}. */
export interface StaleRow {
  readonly hopDelayMs: number;
  readonly delayOverInterval: number;
  readonly staleRate: number;
  /** 1 − e^(−Δ/T) with Δ the measured mean propagation time. */
  readonly theory: number;
  readonly mined: number;
  readonly converged: boolean;
}

/**
 * Stale-block rate against propagation delay / block interval.
 *
 * @example
 * staleRateExperiment({ seed: 1, hopDelaysMs: [10, 50, 200], blockIntervalMs: 1_000, blocks: 200 });
 */
export function staleRateExperiment(options: { seed: Seed; hopDelaysMs: readonly number[]; blockIntervalMs: number; blocks: number; miners?: number }): StaleRow[] {
  return options.hopDelaysMs.map((hopDelayMs) => {
    const r = forkRun({ seed: `${String(options.seed)}/${hopDelayMs}`, blockIntervalMs: options.blockIntervalMs, hopDelayMs, blocks: options.blocks, ...(options.miners ? { miners: options.miners } : {}) });
    const ratio = r.meanPropagationMs / options.blockIntervalMs;
    return { hopDelayMs, delayOverInterval: ratio, staleRate: r.staleRate, theory: 1 - Math.exp(-ratio), mined: r.mined, converged: r.converged };
  });
}
