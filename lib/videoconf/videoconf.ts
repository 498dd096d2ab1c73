/**
 * The lecture's videoconference platform as a small simulation: two servers in two regions, one
 * active (streaming a 20 ms audio frame to every participant and checkpointing the meeting's
 * state to the other), a control plane running a failure detector over both servers' heartbeats,
 * and participants that move to the standby when the control plane tells them to. What the
 * user feels is the gap: seconds without audio, after a real crash and after a false alarm.
 */
import { createDetector } from '../detector/detectors';
import type { DetectorSpec, HeartbeatDetector } from '../detector/detectors';
import { drawPauses, withPauses } from '../detector/pauses';
import type { PauseModel } from '../detector/pauses';
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { Simulation } from '../sim/simulation';
import type { Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { output, send, setTimer } from '../sim/types';

/** The meeting's state a server checkpoints: who is in it and their settings. */
export interface MeetingState {
  readonly version: number;
  readonly participants: readonly NodeId[];
  readonly muted: readonly NodeId[];
}

/** Messages between servers, the control plane and participants. */
export type ConfMessage =
  | { readonly type: 'Audio'; readonly frame: number }
  | { readonly type: 'Heartbeat' }
  | { readonly type: 'Checkpoint'; readonly state: MeetingState }
  | { readonly type: 'Activate' }
  | { readonly type: 'Deactivate' }
  | { readonly type: 'Failover'; readonly server: NodeId }
  | { readonly type: 'Join' }
  | { readonly type: 'Welcome'; readonly state: MeetingState };

/** The two servers (regions) and the control plane. */
export const CONF_SERVERS = ['eu-west', 'us-east'] as const;
const CONTROL = 'control';

/** Options of {@link videoconfRun}. */
export interface VideoconfOptions {
  readonly seed: Seed;
  /** The control plane's detector over server heartbeats. */
  readonly detector: DetectorSpec;
  readonly participants?: number;
  /** Heartbeat period of the servers (default 250 ms). */
  readonly heartbeatMs?: number;
  /** Meeting checkpoint period (default 2,000 ms). */
  readonly checkpointEveryMs?: number;
  /** Time a server needs to admit a participant that moves to it (default 300 ms). */
  readonly joinSetupMs?: number;
  /** How long the platform runs before the active server crashes (default 300,000 ms). */
  readonly aliveMs?: number;
  /** Pauses of the servers (default: one every 2 min, 400 ms on average); false for none. */
  readonly pauses?: PauseModel | false;
}

class Server implements ProtocolNode<ConfMessage> {
  readonly id: NodeId;
  active: boolean;
  private state: MeetingState;
  private frame = 0;
  private readonly listeners = new Set<NodeId>();
  constructor(context: NodeContext, private readonly o: Required<Omit<VideoconfOptions, 'seed' | 'detector' | 'pauses' | 'aliveMs'>>, participants: NodeId[]) {
    this.id = context.id;
    this.active = context.id === CONF_SERVERS[0];
    this.state = { version: 1, participants: this.active ? participants : [], muted: [] };
    if (this.active) for (const p of participants) this.listeners.add(p);
  }
  start(): Effect<ConfMessage>[] {
    return [setTimer('audio', 20), setTimer('heartbeat', this.o.heartbeatMs), setTimer('checkpoint', this.o.checkpointEveryMs), setTimer('settings', 1_000)];
  }
  step(input: Input<ConfMessage>): Effect<ConfMessage>[] {
    if (input.type === 'timer') {
      switch (input.name) {
        case 'audio':
          this.frame++;
          return [...(this.active ? [...this.listeners].map((p) => send<ConfMessage>(p, { type: 'Audio', frame: this.frame })) : []), setTimer('audio', 20)];
        case 'heartbeat':
          return [send(CONTROL, { type: 'Heartbeat' }), setTimer('heartbeat', this.o.heartbeatMs)];
        case 'checkpoint': {
          const other = CONF_SERVERS.find((s) => s !== this.id) as NodeId;
          return [...(this.active ? [send<ConfMessage>(other, { type: 'Checkpoint', state: this.state })] : []), setTimer('checkpoint', this.o.checkpointEveryMs)];
        }
        case 'settings':
          // Somebody toggles mute once a second: state that only checkpoints carry to the standby.
          if (this.active && this.state.participants.length > 0) {
            const who = this.state.participants[this.frame % this.state.participants.length] as NodeId;
            const muted = this.state.muted.includes(who) ? this.state.muted.filter((m) => m !== who) : [...this.state.muted, who];
            this.state = { ...this.state, version: this.state.version + 1, muted };
            return [setTimer('settings', 1_000), output('version', { version: this.state.version })];
          }
          return [setTimer('settings', 1_000)];
        default:
          return input.name.startsWith('admit:') ? this.admit(input.name.slice('admit:'.length)) : [];
      }
    }
    const m = input.message;
    switch (m.type) {
      case 'Checkpoint':
        if (!this.active) this.state = m.state;
        return [];
      case 'Activate':
        if (this.active) return [];
        this.active = true;
        return [output('activated', { version: this.state.version })];
      case 'Deactivate':
        // Told it lost the meeting (after a false alarm, it was only paused): stop streaming.
        if (!this.active) return [];
        this.active = false;
        this.listeners.clear();
        return [];
      case 'Join':
        return [setTimer(`admit:${input.from}`, this.o.joinSetupMs)];
      default:
        return [];
    }
  }
  private admit(p: NodeId): Effect<ConfMessage>[] {
    this.listeners.add(p);
    if (!this.state.participants.includes(p)) this.state = { ...this.state, participants: [...this.state.participants, p] };
    return [send(p, { type: 'Welcome', state: this.state })];
  }
}

class Control implements ProtocolNode<ConfMessage> {
  readonly id = CONTROL;
  active: NodeId = CONF_SERVERS[0];
  private readonly detectors = new Map<NodeId, HeartbeatDetector>();
  constructor(private readonly spec: DetectorSpec, private readonly participants: NodeId[]) {
    for (const s of CONF_SERVERS) this.detectors.set(s, createDetector(spec));
  }
  start(nowMs: number): Effect<ConfMessage>[] {
    for (const d of this.detectors.values()) d.heartbeat(nowMs);
    return [setTimer('check', 50), setTimer('announce', 1_000)];
  }
  step(input: Input<ConfMessage>, nowMs: number): Effect<ConfMessage>[] {
    if (input.type === 'message') {
      if (input.message.type === 'Heartbeat') this.detectors.get(input.from)?.heartbeat(nowMs);
      return [];
    }
    if (input.name === 'announce') {
      // The directory, repeated every second: messages get lost, so who is active is re-announced.
      const other = CONF_SERVERS.find((s) => s !== this.active) as NodeId;
      return [setTimer('announce', 1_000), send(this.active, { type: 'Activate' }), send(other, { type: 'Deactivate' }), ...this.participants.map((p) => send<ConfMessage>(p, { type: 'Failover', server: this.active }))];
    }
    const effects: Effect<ConfMessage>[] = [setTimer('check', 50)];
    const other = CONF_SERVERS.find((s) => s !== this.active) as NodeId;
    if ((this.detectors.get(this.active) as HeartbeatDetector).suspects(nowMs) && !(this.detectors.get(other) as HeartbeatDetector).suspects(nowMs)) {
      effects.push(output('failover', { from: this.active, to: other }), send(other, { type: 'Activate' }), send(this.active, { type: 'Deactivate' }), ...this.participants.map((p) => send<ConfMessage>(p, { type: 'Failover', server: other })));
      this.active = other;
    }
    return effects;
  }
}

class Participant implements ProtocolNode<ConfMessage> {
  readonly id: NodeId;
  private lastAudioMs = 0;
  private server: NodeId = CONF_SERVERS[0];
  private joined = true;
  constructor(context: NodeContext) {
    this.id = context.id;
  }
  start(): Effect<ConfMessage>[] {
    return [];
  }
  step(input: Input<ConfMessage>, nowMs: number): Effect<ConfMessage>[] {
    if (input.type !== 'message') return [];
    const m = input.message;
    if (m.type === 'Failover') {
      if (m.server === this.server && this.joined) return [];
      // A new server, or the same one whose Welcome never came: (re)join.
      this.server = m.server;
      this.joined = false;
      return [send(m.server, { type: 'Join' })];
    }
    if (m.type === 'Welcome') {
      if (input.from !== this.server) return [];
      this.joined = true;
      return [output('welcome', { version: m.state.version })];
    }
    // Only the server it is connected to is heard.
    if (m.type !== 'Audio' || input.from !== this.server) return [];
    const gap = nowMs - this.lastAudioMs;
    this.lastAudioMs = nowMs;
    // Frames come every 20 ms; anything much longer is silence the user hears.
    return gap > 100 ? [output('gap', { fromMs: nowMs - gap, toMs: nowMs })] : [];
  }
}

/** What one run measured. */
export interface VideoconfResult {
  /** Seconds without audio after the crash, averaged over participants. */
  readonly gapAfterCrashMs: number;
  /** Failovers before the crash: false alarms. */
  readonly falseFailovers: number;
  /** Seconds without audio before the crash, per participant (pauses and false alarms). */
  readonly silenceBeforeCrashMs: number;
  /** Meeting setting changes made after the last checkpoint the standby got: lost by the failover. */
  readonly settingsLost: number;
  readonly aliveMs: number;
}

/**
 * Runs the platform until the active server crashes, and a minute after.
 *
 * @example
 * videoconfRun({ seed: 1, detector: { kind: 'fixed', timeoutMs: 1_000 } }).gapAfterCrashMs; // ≈ 1,4 s
 */
export function videoconfRun(options: VideoconfOptions): VideoconfResult {
  const n = options.participants ?? 4;
  const aliveMs = options.aliveMs ?? 300_000;
  const participants = Array.from({ length: n }, (_, i) => `p${i + 1}`);
  const o = { participants: n, heartbeatMs: options.heartbeatMs ?? 250, checkpointEveryMs: options.checkpointEveryMs ?? 2_000, joinSetupMs: options.joinSetupMs ?? 300 };
  const pauseModel = options.pauses === undefined ? { meanEveryMs: 120_000, meanDurationMs: 400 } : options.pauses;
  const rng = createRng(`${options.seed}/conf-pauses`);
  const pauses = new Map(CONF_SERVERS.map((s) => [s as NodeId, pauseModel === false ? [] : drawPauses(rng.fork(s), pauseModel, aliveMs)]));
  const inner: NodeFactory<ConfMessage> = (c) => (c.id === CONTROL ? new Control(options.detector, participants) : new Server(c, o, participants));
  const sim = new Simulation<ConfMessage>({
    seed: options.seed,
    trace: false,
    nodeIds: [...CONF_SERVERS, CONTROL],
    createNode: withPauses(inner, (id) => pauses.get(id) ?? []),
    network: { latency: { kind: 'normal', meanMs: 40, stdDevMs: 10 }, loss: 0.005 },
    clients: { ids: participants, createClient: (c) => new Participant(c) },
  });
  sim.at(aliveMs, () => {
    const control = sim.node(CONTROL) as unknown as { inner: Control };
    sim.crash(control.inner.active);
  });
  sim.runUntilTime(aliveMs + 60_000);
  let after = 0;
  let before = 0;
  for (const out of sim.outputs) {
    if (out.label !== 'gap') continue;
    const g = out.data as { fromMs: number; toMs: number };
    if (g.fromMs >= aliveMs - 100) after += g.toMs - g.fromMs;
    else before += g.toMs - g.fromMs;
  }
  // A participant that never heard audio again counts the whole minute.
  for (const p of participants) {
    const last = sim.outputs.filter((x) => x.node === p && x.label === 'gap' && (x.data as { fromMs: number }).fromMs >= aliveMs - 100);
    if (last.length === 0 && !sim.outputs.some((x) => x.node === p && x.label === 'welcome' && x.timeMs >= aliveMs)) after += 60_000;
  }
  const falseFailovers = sim.outputs.filter((x) => x.label === 'failover' && x.timeMs < aliveMs).length;
  // The crashed server's last version against the one its successor restored from the checkpoint.
  const lastVersion = Math.max(0, ...sim.outputs.filter((x) => x.label === 'version' && x.timeMs <= aliveMs).map((x) => (x.data as { version: number }).version));
  const restored = sim.outputs.find((x) => x.label === 'activated' && x.timeMs >= aliveMs);
  const settingsLost = restored === undefined ? 0 : Math.max(0, lastVersion - (restored.data as { version: number }).version);
  return { gapAfterCrashMs: after / n, falseFailovers, silenceBeforeCrashMs: before / n, settingsLost, aliveMs };
}
