/**
 * SWIM measured like the heartbeat detectors: members on the simulator with pauses and loss,
 * one of them crashing, and the same QoS metrics read from every member's view of every other.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import type { LatencyModel } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { NodeId } from '../sim/types';
import { DEFAULT_HEARTBEAT_NETWORK } from './heartbeat';
import { drawPauses, withPauses } from './pauses';
import type { PauseModel } from './pauses';
import type { QosMetrics } from './qos';
import { swimNode } from './swim';
import type { SwimMessage, SwimOptions, SwimStatus } from './swim';

/** Options of {@link swimQos}. */
export interface SwimRunOptions {
  readonly seeds: readonly Seed[];
  /** Members (default 5); the last one crashes at `aliveMs`. */
  readonly members?: number;
  readonly aliveMs?: number;
  readonly swim?: Partial<SwimOptions>;
  readonly latency?: LatencyModel;
  readonly loss?: number;
  /** Pauses of every member (default: the chapter's, one per minute of 600 ms on average). */
  readonly pauses?: PauseModel | false;
}

/** SWIM's metrics plus how many messages a member sends per second. */
export interface SwimQos extends QosMetrics {
  readonly messagesPerMemberPerSecond: number;
  /** Wrong suspicions (suspect, not dead) per observer–member hour: SWIM's refutations absorb them. */
  readonly suspicionsPerHour: number;
}

/**
 * Runs SWIM over several seeds and measures detection time of the crash (per observer) and
 * false "dead" declarations of live members (per observer–member pair, per hour).
 *
 * @example
 * swimQos({ seeds: [1, 2], aliveMs: 300_000, swim: { suspicionTimeoutMs: 3_000 } }).mistakesPerHour;
 */
export function swimQos(options: SwimRunOptions): SwimQos {
  const n = options.members ?? 5;
  if (!Number.isInteger(n) || n < 3) throw new RangeError(`swimQos: hacen falta al menos 3 miembros, recibido ${String(n)}`);
  const aliveMs = options.aliveMs ?? 600_000;
  const ids: NodeId[] = Array.from({ length: n }, (_, i) => `n${i + 1}`);
  const victim = ids[n - 1] as NodeId;
  const endMs = aliveMs + 60_000;
  let mistakes = 0;
  let suspicions = 0;
  let mistakeMs = 0;
  let pairAliveMs = 0;
  let sent = 0;
  const detections: number[] = [];
  for (const seed of options.seeds) {
    const pauseModel = options.pauses === undefined ? DEFAULT_HEARTBEAT_NETWORK.pauses : options.pauses;
    const rng = createRng(`${seed}/pauses`);
    const pauses = new Map(ids.map((id) => [id, pauseModel === false ? [] : drawPauses(rng.fork(id), pauseModel, endMs)]));
    const sim = new Simulation<SwimMessage>({
      seed,
      trace: false,
      nodeIds: ids,
      createNode: withPauses(swimNode(options.swim), (id) => pauses.get(id) ?? []),
      network: { latency: options.latency ?? DEFAULT_HEARTBEAT_NETWORK.latency, loss: options.loss ?? DEFAULT_HEARTBEAT_NETWORK.loss },
      faults: [{ type: 'crash', atMs: aliveMs, node: victim }],
    });
    sim.runUntilTime(endMs);
    sent += sim.stats.sent;
    // Per observer and member: when the member went dead in the observer's view, and back.
    const deadSince = new Map<string, number>();
    const detected = new Set<NodeId>();
    for (const o of sim.outputs) {
      if (o.label !== 'status') continue;
      const { member, status } = o.data as { member: NodeId; status: SwimStatus };
      const key = `${o.node}>${member}`;
      const liveUntil = member === victim || o.node === victim ? aliveMs : endMs;
      if (status === 'suspect' && o.timeMs < liveUntil) suspicions++;
      if (status === 'dead') {
        if (o.timeMs < liveUntil) {
          mistakes++;
          deadSince.set(key, o.timeMs);
        } else if (!detected.has(o.node)) {
          detected.add(o.node);
          detections.push(o.timeMs - aliveMs);
        }
      } else if (deadSince.has(key)) {
        mistakeMs += Math.min(o.timeMs, liveUntil) - (deadSince.get(key) as number);
        deadSince.delete(key);
      }
    }
    for (const [key, since] of deadSince) mistakeMs += (key.endsWith(`>${victim}`) || key.startsWith(`${victim}>`) ? aliveMs : endMs) - since;
    // Live observer–member pairs: the survivors watch each other to the end, and the victim
    // (watching and watched) until its crash.
    pairAliveMs += (n - 1) * (n - 2) * endMs + 2 * (n - 1) * aliveMs;
    for (const id of ids) if (id !== victim && !detected.has(id)) detections.push(endMs - aliveMs);
  }
  const hours = pairAliveMs / 3_600_000;
  return {
    detectionTimeMs: detections.length === 0 ? undefined : detections.reduce((s, x) => s + x, 0) / detections.length,
    maxDetectionTimeMs: detections.length === 0 ? undefined : Math.max(...detections),
    mistakes,
    mistakesPerHour: mistakes / hours,
    meanMistakeMs: mistakes === 0 ? 0 : mistakeMs / mistakes,
    queryAccuracy: 1 - mistakeMs / pairAliveMs,
    aliveMs: pairAliveMs,
    suspicionsPerHour: suspicions / hours,
    messagesPerMemberPerSecond: sent / (options.seeds.length * n * endMs / 1000),
  };
}
