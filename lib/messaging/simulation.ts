/**
 * Consumers over a `MessageQueue` in simulated time: processing takes time, acks travel,
 * consumers crash and restart. Shows redelivery after a crash, duplicated effects
 * (at-least-once), the dead-letter queue, and how an idempotent consumer fixes duplicates.
 */
import type { Rng } from '../random/index';
import { MessageQueue } from './queue';
import type { Delivery } from './queue';

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
  /** Time from the effect being done to the broker receiving the ack, ms (default 3). */
  ackDelayMs?: number;
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
  queue: MessageQueue;
  trace: string[];
  finishedMs: number;
}

type ScenarioEvent =
  | { type: 'ProcessingDone'; delivery: Delivery; incarnation: number }
  | { type: 'AckArrives'; delivery: Delivery; incarnation: number }
  | { type: 'Crash'; consumerId: string; restartAfterMs?: number }
  | { type: 'Restart'; consumerId: string };

/**
 * Runs a consumer scenario to completion.
 *
 * @example
 * const run = simulateConsumers({ rng: createRng(1), crashes: [{ consumerId: 'c1', atMs: 25 }] });
 * [...run.effects.values()].filter((n) => n > 1).length; // messages whose effect ran twice
 */
export function simulateConsumers(scenario: ConsumerScenario): ConsumerRunResult {
  const { rng } = scenario;
  const consumers = scenario.consumers ?? ['c1', 'c2'];
  const prefetch = scenario.prefetch ?? 2;
  const mean = scenario.processingMsMean ?? 10;
  const ackDelay = scenario.ackDelayMs ?? 3;
  const poison = new Set(scenario.poison ?? []);
  const queue = new MessageQueue({ maxAttempts: scenario.maxAttempts ?? 4 });
  const timeline: TimelineEntry[] = [];
  const effects = new Map<string, number>();
  const processed = new Set<string>();
  const incarnation = new Map<string, number>();
  const trace: string[] = [];
  const events: { t: number; seq: number; event: ScenarioEvent }[] = [];
  let seq = 0;
  let now = 0;
  const at = (t: number, event: ScenarioEvent): void => {
    const item = { t, seq: seq++, event };
    let i = events.length;
    while (i > 0 && (events[i - 1]!.t > t || (events[i - 1]!.t === t && events[i - 1]!.seq > item.seq))) i--;
    events.splice(i, 0, item);
  };
  const log = (consumerId: string, messageId: string, kind: TimelineEntry['kind']): void => {
    timeline.push({ timeMs: now, consumerId, messageId, kind });
    trace.push(`t=${now.toFixed(1).padStart(6, '0')} ${consumerId} ${messageId} ${kind}`);
  };
  const alive = (consumerId: string, generation: number): boolean =>
    queue.isSubscribed(consumerId) && incarnation.get(consumerId) === generation;

  const pump = (): void => {
    for (const consumerId of consumers) {
      if (!queue.isSubscribed(consumerId)) continue;
      for (let d = queue.deliver(consumerId); d !== undefined; d = queue.deliver(consumerId)) {
        log(consumerId, d.messageId, d.redelivered ? 'redelivered' : 'delivered');
        at(now + rng.exponential(mean), { type: 'ProcessingDone', delivery: d, incarnation: incarnation.get(consumerId)! });
      }
    }
  };

  const messages = scenario.messages ?? 20;
  for (let i = 1; i <= messages; i++) effects.set(queue.publish(`mensaje ${i}`), 0);
  for (const id of poison) if (!effects.has(id)) effects.set(queue.publish(`veneno ${id}`, { messageId: id }), 0);
  for (const consumerId of consumers) {
    queue.subscribe(consumerId, { prefetch });
    incarnation.set(consumerId, 1);
  }
  for (const crash of scenario.crashes ?? []) at(crash.atMs, { type: 'Crash', consumerId: crash.consumerId, restartAfterMs: crash.restartAfterMs });
  pump();

  while (events.length > 0) {
    const { t, event } = events.shift()!;
    now = t;
    switch (event.type) {
      case 'ProcessingDone': {
        const { delivery } = event;
        // A crashed consumer finishes nothing: its work died with it.
        if (!alive(delivery.consumerId, event.incarnation)) break;
        if (poison.has(delivery.messageId)) {
          log(delivery.consumerId, delivery.messageId, 'failed');
          const deadBefore = queue.deadLetters.length;
          queue.nack(delivery.deliveryTag, { requeue: true });
          if (queue.deadLetters.length > deadBefore) log(delivery.consumerId, delivery.messageId, 'dead-letter');
          pump();
          break;
        }
        if (scenario.idempotent && processed.has(delivery.messageId)) {
          log(delivery.consumerId, delivery.messageId, 'skipped-duplicate');
        } else {
          const count = (effects.get(delivery.messageId) ?? 0) + 1;
          effects.set(delivery.messageId, count);
          processed.add(delivery.messageId);
          log(delivery.consumerId, delivery.messageId, count > 1 ? 'duplicate-effect' : 'effect');
        }
        at(now + ackDelay, { type: 'AckArrives', delivery, incarnation: event.incarnation });
        break;
      }
      case 'AckArrives':
        // The ack of a consumer that crashed meanwhile never reaches the broker.
        if (!alive(event.delivery.consumerId, event.incarnation)) break;
        queue.ack(event.delivery.deliveryTag);
        log(event.delivery.consumerId, event.delivery.messageId, 'acked');
        pump();
        break;
      case 'Crash':
        if (!queue.isSubscribed(event.consumerId)) break;
        log(event.consumerId, '-', 'crash');
        const deadBefore = queue.deadLetters.length;
        queue.crash(event.consumerId);
        for (const dead of queue.deadLetters.slice(deadBefore)) log(event.consumerId, dead.messageId, 'dead-letter');
        incarnation.set(event.consumerId, (incarnation.get(event.consumerId) ?? 0) + 1);
        if (event.restartAfterMs !== undefined) at(now + event.restartAfterMs, { type: 'Restart', consumerId: event.consumerId });
        pump();
        break;
      case 'Restart':
        queue.subscribe(event.consumerId, { prefetch });
        log(event.consumerId, '-', 'restart');
        pump();
        break;
    }
  }
  return { timeline, effects, queue, trace, finishedMs: now };
}
