/**
 * What an actor is: a behaviour that turns (state, message) into a new state and effects.
 * Like the kit's protocol nodes (and Akka Typed's behaviours, or an Erlang `gen_server`'s
 * `handle_cast`), a behaviour never sends or sleeps itself: it returns effects — tell another
 * actor, spawn a child, schedule a message to itself, report something — and the runtime runs
 * them, only if the handler returned normally. A handler that throws has failed: its effects
 * are discarded and its supervisor decides (see `supervision.ts`).
 */
import type { Rng } from '../random/index';
import type { ActorAddress } from './address';
import type { SupervisorStrategy } from './supervision';

/** Why an actor is running again after a restart: the error and the message it failed on. */
export interface RestartCause {
  readonly error: string;
  /** The message being processed when it failed (absent when a child's failure escalated). */
  readonly message?: unknown;
  readonly sender?: ActorAddress;
}

/** What a behaviour sees besides its state and the message. */
export interface ActorContext {
  /** This actor's address. */
  readonly self: ActorAddress;
  /** Who sent the message being processed (absent in `init` and for anonymous messages). */
  readonly sender?: ActorAddress;
  /** The host's clock (simulated time under lib/sim, real milliseconds on threads). */
  readonly nowMs: number;
  /** This actor's own random stream (forked from the host's, fresh on each restart). */
  readonly rng: Rng;
  /** 0 for the first life, then one more after each restart. */
  readonly incarnation: number;
  /** In `init` after a restart: what failed (Akka's `preRestart(reason, message)`). */
  readonly restartCause?: RestartCause;
}

/** One effect a behaviour asks for. */
export type ActorEffect =
  /** Send `message` (plain JSON data; it is frozen) to the actor at `to`, asynchronously. */
  | { readonly type: 'tell'; readonly to: ActorAddress; readonly message: unknown }
  /** Create a child actor named `name` under this one, supervised with `supervision`. */
  | { readonly type: 'spawn'; readonly name: string; readonly behavior: AnyBehavior; readonly supervision?: SupervisorStrategy }
  /** Deliver `message` to this same actor after `afterMs` (dropped if the actor restarts first). */
  | { readonly type: 'schedule'; readonly afterMs: number; readonly message: unknown }
  /** Report `label` with `data` to whoever watches the run (checkers, plots). */
  | { readonly type: 'report'; readonly label: string; readonly data?: Record<string, unknown> }
  /** Stop this actor (and its children) for good. */
  | { readonly type: 'stop' };

/** What a handler returns: the next state and the effects to run. */
export interface ActorStep<S> {
  readonly state: S;
  readonly effects?: readonly ActorEffect[];
}

/**
 * An actor's behaviour: its initial state and how it handles one message at a time.
 *
 * @example
 * const contador: Behavior<number, { type: 'Sumar' }> = {
 *   kind: 'contador',
 *   accepts: (m): m is { type: 'Sumar' } => (m as { type?: unknown })?.type === 'Sumar',
 *   init: () => ({ state: 0 }),
 *   receive: (n) => ({ state: n + 1, effects: [report('total', { n: n + 1 })] }),
 * };
 */
export interface Behavior<S, M> {
  /** A name for traces and plots (`'cocinero'`). */
  readonly kind: string;
  /** Which messages this actor understands; any other is `unhandled` (Akka) and goes to dead letters. */
  accepts(message: unknown): message is M;
  /** The first state (and after each restart): may spawn children and schedule messages. */
  init(context: ActorContext): ActorStep<S>;
  /** Handles one message; throwing is a failure its supervisor handles. */
  receive(state: S, message: M, context: ActorContext): ActorStep<S>;
}

/** A behaviour of any state and message type (what `spawn` takes). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyBehavior = Behavior<any, any>;

/** Effect constructor: tell `to` the (plain, soon frozen) `message`. */
export function tell(to: ActorAddress, message: unknown): ActorEffect {
  return { type: 'tell', to, message };
}

/** Effect constructor: spawn the child `name` with `behavior`, supervised by `supervision`. */
export function spawn(name: string, behavior: AnyBehavior, supervision?: SupervisorStrategy): ActorEffect {
  return supervision === undefined ? { type: 'spawn', name, behavior } : { type: 'spawn', name, behavior, supervision };
}

/** Effect constructor: send `message` to oneself after `afterMs`. */
export function schedule(afterMs: number, message: unknown): ActorEffect {
  return { type: 'schedule', afterMs, message };
}

/** Effect constructor: report `label` (and `data`) to the run's observers. */
export function report(label: string, data?: Record<string, unknown>): ActorEffect {
  return data === undefined ? { type: 'report', label } : { type: 'report', label, data };
}

/** Effect constructor: stop this actor. */
export function stopSelf(): ActorEffect {
  return { type: 'stop' };
}

/** A type guard for messages `{ type: T, … }` with one of the given types. */
export function hasType<M extends { readonly type: string }>(...types: M['type'][]): (message: unknown) => message is M {
  return (message: unknown): message is M =>
    message !== null && typeof message === 'object' && types.includes((message as { type?: unknown }).type as M['type']);
}
