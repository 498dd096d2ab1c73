/**
 * Probabilistically Bounded Staleness (Bailis et al., VLDB 2012) on the simulator: how likely is
 * a read, `t` ms after a write was acknowledged, to return the value before it? One probe per
 * seed writes a new value through a coordinator, and once W replicas acknowledged it, reads the
 * key at each `t` through random coordinators (read repair off, so the reads do not help each
 * other). With R + W > N no read is stale; with smaller quorums the chance falls with `t`.
 */
import { percentile } from '../sim/metrics';
import { latency } from '../sim/network';
import type { LatencyModel } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/types';
import { output, send, setTimer } from '../sim/types';
import type { QuorumMessage } from './messages';
import { quorumStore } from './quorum';
import type { QuorumNode } from './quorum';

/** A client that writes `nuevo` once, then reads at each delay after the acknowledgement. */
class StalenessProbe implements ProtocolNode<QuorumMessage> {
  readonly id: NodeId;
  private ackedAt: number | undefined;

  constructor(private readonly context: NodeContext, private readonly servers: readonly NodeId[], private readonly delaysMs: readonly number[]) {
    this.id = context.id;
  }

  start(): Effect<QuorumMessage>[] {
    return [setTimer('write', 1)];
  }

  step(input: Input<QuorumMessage>, nowMs: number): Effect<QuorumMessage>[] {
    const pick = () => this.servers[this.context.rng.int(0, this.servers.length - 1)] as NodeId;
    if (input.type === 'timer') {
      if (input.name === 'write') return [send(pick(), { type: 'Request', requestId: 'write', input: { f: 'write', key: 'x', value: 'nuevo' } })];
      const i = Number(input.name.slice('read:'.length));
      return [send(pick(), { type: 'Request', requestId: `read:${i}`, input: { f: 'read', key: 'x' } })];
    }
    const m = input.message;
    if (m.type !== 'Reply') return [];
    if (m.requestId === 'write') {
      this.ackedAt = nowMs;
      return this.delaysMs.map((d, i) => setTimer(`read:${i}`, Math.max(0, d)));
    }
    const i = Number(m.requestId.slice('read:'.length));
    return [output('staleness', { delayMs: this.delaysMs[i], stale: m.output !== 'nuevo', ackedAt: this.ackedAt })];
  }
}

/** Options of {@link stalenessCurve}. */
export interface StalenessOptions {
  readonly n: number;
  readonly r: number;
  readonly w: number;
  /** Delays after the write's acknowledgement at which to read, ms. */
  readonly delaysMs: readonly number[];
  /** Seeds (one probe per seed). */
  readonly seeds: number;
  /** One-way latency of every message (default exponential, mean 10 ms: Bailis's long tail). */
  readonly latency?: LatencyModel;
  /** A prefix for the seeds (default 'pbs'). */
  readonly seedPrefix?: string;
}

/** P(stale read) at each delay, over the seeds, and the write latency's median. */
export interface StalenessCurve {
  readonly label: string;
  readonly delaysMs: readonly number[];
  readonly probabilityStale: number[];
  readonly reads: number[];
  readonly writeLatencyMsP50: number;
}

/**
 * Runs one staleness probe per seed on an `n`-node store with quorums (`r`, `w`) and returns the
 * fraction of stale reads at each delay.
 * @example
 * stalenessCurve({ n: 3, r: 1, w: 1, delaysMs: [0, 5, 10, 20], seeds: 200 }).probabilityStale; // falling with t
 */
export function stalenessCurve(options: StalenessOptions): StalenessCurve {
  const nodeIds = Array.from({ length: options.n }, (_, i) => `n${i + 1}`);
  const stale = options.delaysMs.map(() => 0);
  const reads = options.delaysMs.map(() => 0);
  const writeLatencies: number[] = [];
  for (let s = 0; s < options.seeds; s++) {
    const sim = new Simulation<QuorumMessage, QuorumNode>({
      seed: `${options.seedPrefix ?? 'pbs'}-${s}`,
      nodeIds,
      createNode: quorumStore({ n: options.n, r: options.r, w: options.w, readRepair: false, hintedHandoff: false, requestTimeoutMs: 10_000 }),
      // Replica-to-replica messages are slow and long-tailed; the probe sits next to every node.
      network: { latency: options.latency ?? latency.exponential(10), links: nodeIds.map((id) => ({ from: 'probe', to: id, bothWays: true, latency: latency.constant(0.5) })) },
      clients: { ids: ['probe'], createClient: (context) => new StalenessProbe(context, nodeIds, options.delaysMs) },
    });
    sim.runFor(Math.max(...options.delaysMs) + 400);
    for (const o of sim.outputs) {
      if (o.label !== 'staleness') continue;
      const d = o.data as { delayMs: number; stale: boolean; ackedAt: number };
      const i = options.delaysMs.indexOf(d.delayMs);
      reads[i] = (reads[i] ?? 0) + 1;
      if (d.stale) stale[i] = (stale[i] ?? 0) + 1;
    }
    const first = sim.outputs.find((x) => x.label === 'staleness');
    if (first !== undefined) writeLatencies.push((first.data as { ackedAt: number }).ackedAt - 1);
  }
  return {
    label: `N=${options.n}, R=${options.r}, W=${options.w}`,
    delaysMs: options.delaysMs,
    probabilityStale: stale.map((x, i) => (reads[i] ? x / (reads[i] as number) : NaN)),
    reads,
    writeLatencyMsP50: percentile(writeLatencies, 50),
  };
}
