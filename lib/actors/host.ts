/**
 * An actor host: one {@link ActorSystem} wrapped as a protocol node of lib/sim. Messages to
 * actors of another host leave as `send` effects carrying a {@link Deliver} envelope, scheduled
 * messages become named timers, and every runtime event and actor report becomes an `output`.
 * The simulator interprets those effects deterministically; `thread-main.ts` interprets the
 * same ones inside a worker thread, so one restaurant runs in both.
 */
import type { Rng } from '../random/index';
import { output, send, setTimer } from '../sim/types';
import type { Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { hostOf } from './address';
import { ActorSystem } from './actor-system';
import type { AnyBehavior } from './behavior';
import { messageType, parseWire } from './messages';
import type { ActorWire } from './messages';
import type { SupervisorStrategy } from './supervision';

/** A top-level actor a host starts with. */
export interface TopLevelActor {
  readonly name: string;
  readonly behavior: AnyBehavior;
  readonly supervision?: SupervisorStrategy;
}

/** What runs on one host. */
export interface HostSpec {
  readonly actors: readonly TopLevelActor[];
  /** Emit `actor.processed` for every message (for timelines; default false). */
  readonly recordMessages?: boolean;
  /** Messages handled per step before yielding to the event loop (default 10 000). */
  readonly budget?: number;
}

const DRAIN_TIMER = 'drain';

/**
 * A host of actors as a lib/sim protocol node.
 *
 * @example
 * const createNode = actorHosts({ sala: () => ({ actors: [{ name: 'contador', behavior: contador }] }) });
 * const sim = new Simulation({ seed: 1, nodeIds: ['sala'], createNode });
 */
export class ActorHost implements ProtocolNode<ActorWire> {
  readonly system: ActorSystem;
  private pending: Effect<ActorWire>[] = [];

  constructor(readonly id: NodeId, private readonly spec: HostSpec, rng: Rng, private readonly hosts: readonly NodeId[]) {
    this.system = new ActorSystem({
      host: id,
      rng,
      recordMessages: spec.recordMessages ?? false,
      io: {
        sendRemote: (host, wire) => {
          if (this.hosts.includes(host)) this.pending.push(send(host, wire));
          else this.pending.push(output('actor.deadLetter', { to: wire.to, type: messageType(wire.message), reason: `no existe el host ${host}` }));
        },
        setTimer: (name, afterMs) => this.pending.push(setTimer(name, afterMs)),
        emit: (label, data) => this.pending.push(output(label, data)),
      },
    });
  }

  start(nowMs: number): Effect<ActorWire>[] {
    for (const actor of this.spec.actors) this.system.spawnTop(actor.name, actor.behavior, actor.supervision, nowMs);
    return this.flush(nowMs);
  }

  step(input: Input<ActorWire>, nowMs: number): Effect<ActorWire>[] {
    if (input.type === 'timer') {
      if (input.name !== DRAIN_TIMER) this.system.fireTimer(input.name);
      return this.flush(nowMs);
    }
    const wire = parseWire(input.message);
    if (typeof wire === 'string') this.pending.push(output('actor.badWire', { host: this.id, from: input.from, reason: wire }));
    else if (hostOf(wire.to) !== this.id) this.pending.push(output('actor.deadLetter', { to: wire.to, type: messageType(wire.message), reason: `el sobre llegó al host ${this.id}` }));
    else this.system.deliver(wire.to, wire.message, wire.from);
    return this.flush(nowMs);
  }

  private flush(nowMs: number): Effect<ActorWire>[] {
    // A bounded drain: an actor that tells itself for ever cannot hang the step.
    if (this.system.drain(nowMs, this.spec.budget ?? 10_000)) this.pending.push(setTimer(DRAIN_TIMER, 0));
    const out = this.pending;
    this.pending = [];
    return out;
  }
}

/**
 * A node factory for lib/sim (or for worker threads) from one {@link HostSpec} builder per host.
 * A host restarted by the simulator starts again from its spec: its actors' state is volatile.
 */
export function actorHosts(specs: Readonly<Record<string, (context: NodeContext) => HostSpec>>): NodeFactory<ActorWire, ActorHost> {
  return (context) => {
    const build = specs[context.id];
    if (build === undefined) throw new Error(`no hay especificación de actores para el host ${context.id}`);
    return new ActorHost(context.id, build(context), context.rng, context.nodeIds);
  };
}
