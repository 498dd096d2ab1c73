/**
 * Spanner's commit wait (Corbett et al., OSDI 2012, §4.1.2) on the simulator. TrueTime answers
 * an interval `[local − ε, local + ε]` that contains true time as long as every clock is within
 * ε of it. A shard leader gives a transaction the timestamp `s = TT.now().latest` and, with commit
 * wait, answers only once `TT.now().earliest > s` — about 2ε later — so true time has passed `s`.
 * Then external consistency holds: if T1 commits before T2 starts (in true time), s1 < s2.
 * Without commit wait, a leader with a fast clock can hand out a timestamp that a later
 * transaction on a leader with a slow clock undercuts: {@link checkExternalConsistency} finds it.
 */
import type { History } from '../linearizability/history';
import { createRng } from '../random/index';
import type { ClockModel } from '../clocks/physical';
import { closedLoopClient } from '../sim/closed-loop-client';
import { percentile } from '../sim/metrics';
import { latency } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { output, send, setTimer } from '../sim/types';
import { formatNumber } from '../plot/format';

/** A time in ms with two decimals and a decimal comma (the explanation is shown to students). */
const ms2 = (x: number): string => formatNumber(x, { decimals: 2 });

/** The messages: a client's commit and the leader's answer with the commit timestamp. */
export type SpannerMessage =
  | { readonly type: 'Commit'; readonly requestId: string; readonly key: string }
  | { readonly type: 'Committed'; readonly requestId: string; readonly timestamp: number };

/** Options of {@link spannerLeader}. */
export interface SpannerOptions {
  /** TrueTime's uncertainty bound ε, ms (every clock is within ε of true time). */
  readonly epsilonMs: number;
  /** Wait until the timestamp is surely past before answering (default true). */
  readonly commitWait?: boolean;
}

/** A shard leader: timestamps commits with TrueTime, and (by default) waits them out. */
export class SpannerLeader implements ProtocolNode<SpannerMessage> {
  readonly id: NodeId;
  private lastTimestamp = -Infinity;
  private readonly waiting = new Map<string, { client: NodeId; requestId: string; timestamp: number }>();
  private next = 0;

  constructor(context: NodeContext, private readonly options: SpannerOptions) {
    this.id = context.id;
  }

  start(): Effect<SpannerMessage>[] {
    return [];
  }

  step(input: Input<SpannerMessage>, nowMs: number): Effect<SpannerMessage>[] {
    const eps = this.options.epsilonMs;
    if (input.type === 'timer') {
      const w = this.waiting.get(input.name);
      if (w === undefined) return [];
      // TT.after(s): the earliest possible true time is past s.
      if (nowMs - eps <= w.timestamp) return [setTimer(input.name, w.timestamp - (nowMs - eps) + 0.001)];
      this.waiting.delete(input.name);
      return [send(w.client, { type: 'Committed', requestId: w.requestId, timestamp: w.timestamp })];
    }
    const m = input.message as SpannerMessage | null | undefined;
    if (typeof m !== 'object' || m === null || m.type !== 'Commit' || typeof m.requestId !== 'string') {
      // A leader only takes Commit requests: anything else is reported and changes nothing.
      return m !== null && typeof m === 'object' && m.type === 'Committed' ? [] : [output('malformed', { from: input.from })];
    }
    // s = TT.now().latest, and monotonic per leader (Spanner §4.1.2).
    const timestamp = Math.max(nowMs + eps, this.lastTimestamp + 0.001);
    this.lastTimestamp = timestamp;
    if (this.options.commitWait === false) return [send(input.from, { type: 'Committed', requestId: m.requestId, timestamp })];
    const name = `wait:${++this.next}`;
    this.waiting.set(name, { client: input.from, requestId: m.requestId, timestamp });
    return [setTimer(name, timestamp - (nowMs - eps) + 0.001)];
  }
}

/** Factory of {@link SpannerLeader}s. */
export function spannerLeader(options: SpannerOptions): NodeFactory<SpannerMessage, SpannerLeader> {
  return (context) => new SpannerLeader(context, options);
}

/** An external-consistency violation: T1 finished before T2 began, yet got a later timestamp. */
export interface ExternalConsistencyViolation {
  readonly first: number;
  readonly second: number;
  readonly explanation: string;
}

/**
 * Checks external consistency over a history of commits whose outputs are their timestamps:
 * whenever one commit completed before another was invoked (true time), its timestamp must be
 * smaller. Returns the first violating pair (earliest second commit), or `undefined`.
 */
export function checkExternalConsistency(history: History): ExternalConsistencyViolation | undefined {
  const done = history.filter((op) => op.status === 'ok' && typeof op.output === 'number' && op.completeMs !== undefined);
  const byStart = [...done].sort((a, b) => a.invokeMs - b.invokeMs);
  const byEnd = [...done].sort((a, b) => (a.completeMs as number) - (b.completeMs as number));
  // Sweep: keep the largest timestamp among commits that completed before the current one started.
  let j = 0;
  let maxBefore: (typeof done)[number] | undefined;
  for (const op of byStart) {
    while (j < byEnd.length && (byEnd[j]?.completeMs as number) < op.invokeMs) {
      const ended = byEnd[j] as (typeof done)[number];
      if (maxBefore === undefined || (ended.output as number) > (maxBefore.output as number)) maxBefore = ended;
      j++;
    }
    if (maxBefore !== undefined && (maxBefore.output as number) >= (op.output as number)) {
      return {
        first: maxBefore.id,
        second: op.id,
        explanation:
          `la transacción ${maxBefore.id} (${maxBefore.client}) terminó en t = ${ms2(maxBefore.completeMs as number)} ms con marca ${ms2(maxBefore.output as number)}, ` +
          `pero la ${op.id} (${op.client}) empezó después, en t = ${ms2(op.invokeMs)} ms, y recibió una marca menor, ${ms2(op.output as number)}`,
      };
    }
  }
  return undefined;
}

/** What one Spanner run measured. */
export interface SpannerRun {
  readonly latenciesMs: number[];
  readonly latencyMsP50: number;
  readonly violation: ExternalConsistencyViolation | undefined;
  readonly history: History;
}

/**
 * Two shard leaders whose clocks are off by up to ±ε (drawn from the seed; one pushed to +ε and
 * one to −ε, the worst case TrueTime allows), 3 clients committing on random shards for 2 s.
 * @example
 * runSpanner({ seed: 1, epsilonMs: 5, commitWait: false }).violation; // found
 */
export function runSpanner(options: { seed: number | string; epsilonMs: number; commitWait: boolean; durationMs?: number }): SpannerRun {
  const rng = createRng(`${options.seed}/truetime`);
  const eps = options.epsilonMs;
  const clocks = new Map<NodeId, ClockModel>([
    ['A', { offsetMs: eps * rng.uniform(0.5, 1), driftPpm: 0 }],
    ['B', { offsetMs: -eps * rng.uniform(0.5, 1), driftPpm: 0 }],
  ]);
  const sim = new Simulation<SpannerMessage, SpannerLeader>({
    seed: options.seed,
    nodeIds: ['A', 'B'],
    clocks,
    createNode: spannerLeader({ epsilonMs: eps, commitWait: options.commitWait }),
    network: { latency: latency.uniform(0.5, 1.5) },
    clients: {
      ids: ['c1', 'c2', 'c3'],
      createClient: closedLoopClient<SpannerMessage, { f: 'commit'; key: string }, number>({
        operations: ({ index }) => ({ f: 'commit', key: `k${index % 4}` }),
        thinkMs: { minMs: 0, maxMs: 2 },
        timeoutMs: 10_000,
        encode: (input, { requestId }) => ({ type: 'Commit', requestId, key: input.key }),
        decode: (m) => (m.type === 'Committed' ? { kind: 'ok', requestId: m.requestId, output: m.timestamp } : undefined),
      }),
    },
  });
  sim.runFor(options.durationMs ?? 2_000);
  const history = sim.history;
  const latenciesMs = history.filter((op) => op.status === 'ok').map((op) => (op.completeMs as number) - op.invokeMs);
  return { latenciesMs, latencyMsP50: percentile(latenciesMs, 50), violation: checkExternalConsistency(history), history };
}
