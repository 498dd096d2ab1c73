/**
 * Heartbeats on the simulator: a process sends `Heartbeat` every `intervalMs` to a monitor,
 * over a network with latency and loss, frozen now and then by pauses, and crashing at some
 * point. The monitor only records arrival times; the detectors judge them afterwards, all on
 * the same arrivals, so every detector and threshold is compared on exactly the same run.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import type { LatencyModel } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { Effect, Input, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { output, send, setTimer } from '../sim/types';
import { drawPauses, withPauses } from './pauses';
import type { Pause, PauseModel } from './pauses';

/** The messages of the heartbeat protocol. */
export type HeartbeatMessage = { readonly type: 'Heartbeat'; readonly seq: number };

/** A process that sends a heartbeat to `monitor` every `intervalMs`. */
export class HeartbeatSender implements ProtocolNode<HeartbeatMessage> {
  private seq = 0;
  constructor(readonly id: NodeId, private readonly monitor: NodeId, private readonly intervalMs: number) {}
  start(): Effect<HeartbeatMessage>[] {
    return [setTimer('beat', 0)];
  }
  step(input: Input<HeartbeatMessage>): Effect<HeartbeatMessage>[] {
    if (input.type !== 'timer' || input.name !== 'beat') return [];
    this.seq++;
    return [send(this.monitor, { type: 'Heartbeat', seq: this.seq }), setTimer('beat', this.intervalMs)];
  }
}

/** The monitor: outputs `heartbeat` with the sequence number of each arrival; ignores anything else. */
export class HeartbeatMonitor implements ProtocolNode<HeartbeatMessage> {
  constructor(readonly id: NodeId) {}
  start(): Effect<HeartbeatMessage>[] {
    return [];
  }
  step(input: Input<HeartbeatMessage>): Effect<HeartbeatMessage>[] {
    if (input.type !== 'message') return [];
    const m = input.message as { type?: unknown; seq?: unknown };
    if (m?.type !== 'Heartbeat' || typeof m.seq !== 'number') return [output('malformed', { from: input.from })];
    return [output('heartbeat', { seq: m.seq, from: input.from })];
  }
}

/** Options of {@link heartbeatArrivals}. */
export interface HeartbeatRunOptions {
  readonly seed: Seed;
  /** Heartbeat period (default 1,000 ms, Akka's and Cassandra's). */
  readonly intervalMs?: number;
  /** How long the process lives (default 600,000 ms); it crashes within the last heartbeat period unless `crash: false`. */
  readonly aliveMs?: number;
  /** Crash at `aliveMs` (default true). */
  readonly crash?: boolean;
  /** Network latency (default normal, mean 20 ms, sd 10 ms). */
  readonly latency?: LatencyModel;
  /** Heartbeat loss probability (default 0.01). */
  readonly loss?: number;
  /** Stop-the-world pauses of the sender (default one per minute, 600 ms on average); `false` for none. */
  readonly pauses?: PauseModel | false;
}

/** What {@link heartbeatArrivals} measured: the arrivals at the monitor and the truth. */
export interface HeartbeatRun {
  /** Arrival times at the monitor, in order. */
  readonly arrivalsMs: number[];
  /** When the process crashed (`undefined`: it never did). */
  readonly crashAtMs: number | undefined;
  /** When the run ended (the process's life, plus a minute of silence after a crash). */
  readonly endMs: number;
  /** The sender's pauses. */
  readonly pauses: readonly Pause[];
  readonly intervalMs: number;
}

/** The default network and pauses of the chapter's detector experiments. */
export const DEFAULT_HEARTBEAT_NETWORK = {
  latency: { kind: 'normal', meanMs: 20, stdDevMs: 10 } as LatencyModel,
  loss: 0.01,
  pauses: { meanEveryMs: 60_000, meanDurationMs: 600 } as PauseModel,
};

/**
 * Runs one heartbeat stream on the simulator and returns the arrival times.
 *
 * @example
 * const run = heartbeatArrivals({ seed: 1, aliveMs: 120_000 });
 * run.arrivalsMs.length; // ≈ 119 (1 % lost, a few late)
 */
export function heartbeatArrivals(options: HeartbeatRunOptions): HeartbeatRun {
  const intervalMs = options.intervalMs ?? 1_000;
  const aliveMs = options.aliveMs ?? 600_000;
  if (!(intervalMs > 0) || !(aliveMs > 0)) throw new RangeError(`heartbeatArrivals: intervalMs y aliveMs deben ser > 0 (recibido ${intervalMs}, ${aliveMs})`);
  const crash = options.crash !== false;
  const pauseModel = options.pauses === undefined ? DEFAULT_HEARTBEAT_NETWORK.pauses : options.pauses;
  const pauses = pauseModel === false ? [] : drawPauses(createRng(`${options.seed}/pauses`), pauseModel, aliveMs);
  // The crash falls at a random phase of the heartbeat period, not right after a beat.
  const crashAtMs = aliveMs - createRng(`${options.seed}/crash`).uniform(0, intervalMs);
  const inner: NodeFactory<HeartbeatMessage> = (c) => (c.id === 'p' ? new HeartbeatSender('p', 'monitor', intervalMs) : new HeartbeatMonitor(c.id));
  const sim = new Simulation<HeartbeatMessage>({
    seed: options.seed,
    trace: false,
    nodeIds: ['p', 'monitor'],
    createNode: withPauses(inner, (id) => (id === 'p' ? pauses : [])),
    network: { latency: options.latency ?? DEFAULT_HEARTBEAT_NETWORK.latency, loss: options.loss ?? DEFAULT_HEARTBEAT_NETWORK.loss },
    faults: crash ? [{ type: 'crash', atMs: crashAtMs, node: 'p' }] : [],
  });
  const endMs = crash ? aliveMs + 60_000 : aliveMs;
  sim.runUntilTime(endMs);
  const arrivalsMs = sim.outputs.filter((o) => o.node === 'monitor' && o.label === 'heartbeat').map((o) => o.timeMs);
  return { arrivalsMs, crashAtMs: crash ? crashAtMs : undefined, endMs, pauses, intervalMs };
}
