/**
 * Consumers over a `MessageQueue` in simulated time, run by lib/sim: the broker and each
 * consumer are protocol nodes (`simulation-nodes.ts`); processing takes time, deliveries and
 * acks travel, consumers crash and restart. Shows redelivery after a crash, duplicated effects
 * (at-least-once), the dead-letter queue, and how an idempotent consumer fixes duplicates.
 */
import type { Rng } from '../random/index';
import { latency, Simulation } from '../sim/index';
import type { TraceEvent } from '../sim/index';
import { MessageQueue } from './queue';
import { BROKER_ID, BrokerNode, ConsumerNode, EffectStore, formatBrokerMessage } from './simulation-nodes';
import type { BrokerMessage } from './simulation-nodes';

/** A consumer crash (and optional restart) at a simulated time. */
export interface CrashPlan {
  consumerId: string;
  atMs: number;
  /** Restart the consumer this long after the crash; never if undefined. */
  restartAfterMs?: number;
}

/** A scenario: messages, consumers, timings and faults. */
export interface ConsumerScenario {
  /** Processing times (pass `rng.fork()`). */
  rng: Rng;
  /** Messages m1..mN published at time 0 (default 20). */
  messages?: number;
  /** Consumer ids (default ['c1', 'c2']). */
  consumers?: readonly string[];
  /** Unacked deliveries per consumer (default 2). */
  prefetch?: number;
  /** Mean processing time, exponential, ms (default 10). */
  processingMsMean?: number;
  /** One-way latency from a consumer to the broker (its acks), ms (default 3). */
  ackDelayMs?: number;
  /** One-way latency from the broker to a consumer (its deliveries), ms (default 1). */
  deliveryDelayMs?: number;
  crashes?: readonly CrashPlan[];
  /** Messages whose processing always fails (nack + requeue) until dead-lettered. */
  poison?: readonly string[];
  /** Deliveries before dead-lettering (default 4). */
  maxAttempts?: number;
  /** Consumers skip ids already processed (shared processed-id store). */
  idempotent?: boolean;
}

/** One point of the timeline. */
export interface TimelineEntry {
  timeMs: number;
  consumerId: string;
  messageId: string;
  kind: 'delivered' | 'redelivered' | 'effect' | 'duplicate-effect' | 'skipped-duplicate' | 'acked' | 'failed' | 'crash' | 'restart' | 'dead-letter';
}

/** The outcome of a scenario. */
export interface ConsumerRunResult {
  timeline: TimelineEntry[];
  /** Times each message's effect was applied: 1 is exactly-once, 2+ a duplicate, 0 lost or dead. */
  effects: Map<string, number>;
  /** The broker's queue at the end of the run. */
  queue: MessageQueue;
  /** One line per event (`t=0031 c1←broker Deliver m4 tag=4`, `t=0040 c1 CRASH`, …). */
  trace: string[];
  /** lib/sim's trace, for `spaceTimeDiagram(run.events)`. */
  events: readonly TraceEvent<BrokerMessage>[];
  finishedMs: number;
}

/**
 * Runs a consumer scenario to completion.
 *
 * @example
 * const run = simulateConsumers({ rng: createRng(1), crashes: [{ consumerId: 'c1', atMs: 25 }] });
 * [...run.effects.values()].filter((n) => n > 1).length; // messages whose effect ran twice
 * show(spaceTimeDiagram(run.events, { labels: 'none' }));
 */
export function simulateConsumers(scenario: ConsumerScenario): ConsumerRunResult {
  const consumers = scenario.consumers ?? ['c1', 'c2'];
  const poison = new Set(scenario.poison ?? []);
  const queue = new MessageQueue({ maxAttempts: scenario.maxAttempts ?? 4 });
  const messageIds: string[] = [];
  for (let i = 1; i <= (scenario.messages ?? 20); i++) messageIds.push(queue.publish(`mensaje ${i}`));
  for (const id of poison) if (!messageIds.includes(id)) messageIds.push(queue.publish(`veneno ${id}`, { messageId: id }));
  const store = new EffectStore(messageIds);
  const consumerOptions = {
    prefetch: scenario.prefetch ?? 2,
    processingMsMean: scenario.processingMsMean ?? 10,
    idempotent: scenario.idempotent ?? false,
    fails: (messageId: string) => poison.has(messageId),
    store,
  };
  const broker = new BrokerNode(queue);
  const sim = new Simulation<BrokerMessage, BrokerNode | ConsumerNode>({
    seed: scenario.rng.fork('cola').seed,
    nodeIds: [BROKER_ID, ...consumers],
    // The broker never fails here; a consumer is rebuilt on each restart (a new connection).
    createNode: (context) => (context.id === BROKER_ID ? broker : new ConsumerNode(context, consumerOptions)),
    network: {
      latency: latency.constant(scenario.deliveryDelayMs ?? 1),
      links: consumers.map((consumerId) => ({ from: consumerId, to: BROKER_ID, latency: latency.constant(scenario.ackDelayMs ?? 3) })),
    },
    formatMessage: formatBrokerMessage,
  });
  for (const crash of scenario.crashes ?? []) {
    sim.at(crash.atMs, () => {
      const consumer = sim.node(crash.consumerId);
      if (!(consumer instanceof ConsumerNode)) return;
      sim.crash(crash.consumerId);
      // The broker sees the connection drop (a TCP reset); what arrives on it later is ignored.
      sim.inject(BROKER_ID, { type: 'ConnectionLost', connection: consumer.connection }, { from: crash.consumerId });
      if (crash.restartAfterMs !== undefined) sim.at(sim.nowMs + crash.restartAfterMs, () => sim.restart(crash.consumerId));
    });
  }
  while (sim.step()) {
    // every event is processed by sim.step()
  }
  return { timeline: timelineOf(sim.trace), effects: store.effects, queue, trace: sim.traceText().split('\n'), events: sim.trace, finishedMs: sim.nowMs };
}

const TIMELINE_KINDS: ReadonlySet<string> = new Set<TimelineEntry['kind']>([
  'delivered', 'redelivered', 'effect', 'duplicate-effect', 'skipped-duplicate', 'acked', 'failed', 'dead-letter',
]);

/** The timeline of a run, read from lib/sim's trace: node outputs, crashes and restarts. */
function timelineOf(trace: readonly TraceEvent<BrokerMessage>[]): TimelineEntry[] {
  const timeline: TimelineEntry[] = [];
  for (const event of trace) {
    if ((event.kind === 'crash' || event.kind === 'restart') && event.node !== BROKER_ID) {
      timeline.push({ timeMs: event.timeMs, consumerId: event.node, messageId: '-', kind: event.kind });
    } else if (event.kind === 'output' && TIMELINE_KINDS.has(event.label)) {
      const data = event.data as { consumerId?: string; messageId: string };
      timeline.push({ timeMs: event.timeMs, consumerId: data.consumerId ?? event.node, messageId: data.messageId, kind: event.label as TimelineEntry['kind'] });
    }
  }
  return timeline;
}
