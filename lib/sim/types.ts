/**
 * The contract between a protocol and whatever runs it: inputs in, effects out.
 *
 * A node never sends, sleeps or reads a clock. It receives an {@link Input} with the
 * current time and returns {@link Effect}s; the simulator (and, later, a real-socket
 * runtime) interprets them. This is etcd/raft's `Step`/`Ready` split.
 */
import type { Rng } from '../random/index';

/** The name of a node, e.g. `'n1'` or `'A'`. */
export type NodeId = string;

/** Something that happens to a node: a message arrives or one of its named timers fires. */
export type Input<M> =
  | { readonly type: 'message'; readonly from: NodeId; readonly message: M }
  | { readonly type: 'timer'; readonly name: string };

/** Something a node asks its runtime to do. */
export type Effect<M> =
  /** Send `message` to `to` (the network may delay, lose, duplicate or reorder it). */
  | { readonly type: 'send'; readonly to: NodeId; readonly message: M }
  /** (Re)arm the timer `name` to fire after `afterMs` of this node's local time. */
  | { readonly type: 'setTimer'; readonly name: string; readonly afterMs: number }
  /** Disarm the timer `name`; cancelling a timer that is not armed does nothing. */
  | { readonly type: 'cancelTimer'; readonly name: string }
  /** Report something visible outside the protocol (a decision, a client reply, a log line). */
  | { readonly type: 'output'; readonly label: string; readonly data?: unknown }
  /**
   * Make every durable write done so far survive a crash. Effects run in order: in the
   * `'fsync'` durability mode the effects after it wait until the disk acknowledges, so
   * `[send(reply), fsync()]` replies before the write is safe (a bug a crash can expose).
   */
  | { readonly type: 'fsync' };

/**
 * A protocol node: a message-driven state machine that returns effects.
 *
 * @example
 * class Echo implements ProtocolNode<string> {
 *   constructor(readonly id: NodeId) {}
 *   start(): Effect<string>[] { return []; }
 *   step(input: Input<string>): Effect<string>[] {
 *     return input.type === 'message' ? [send(input.from, input.message)] : [];
 *   }
 * }
 */
export interface ProtocolNode<M> {
  /** This node's name. */
  readonly id: NodeId;
  /** Called once when the node boots (and again after each restart). `nowMs` is its local clock. */
  start(nowMs: number): Effect<M>[];
  /** Handles one input at local time `nowMs`. */
  step(input: Input<M>, nowMs: number): Effect<M>[];
}

/**
 * A read-only view of a node's disk: what checkers see of any node, crashed or not.
 * Every read returns copies.
 */
export interface ReadonlyDurableStore {
  /** Reads a saved value, or `undefined` if nothing was saved under `key`. */
  get<T>(key: string): T | undefined;
  /** The keys saved so far, in insertion order (logs are a separate namespace). */
  keys(): string[];
  /** Copies of the entries `[from, to)` of the log `log` (default: all of it; an unknown log is empty). */
  readLog<T>(log: string, from?: number, to?: number): T[];
  /** How many entries the log `log` holds (0 for an unknown log). */
  logLength(log: string): number;
}

/**
 * The state a node declares durable: it survives a crash, everything else is lost. Values
 * (keys) and append-only logs (like a Raft log) are separate namespaces.
 *
 * Values are deep-copied on `set` and `get`, like a write to disk, so a node cannot
 * keep a live reference into its "disk" and accidentally survive a crash with volatile state.
 * With `durability: 'fsync'` a write survives a crash only once an {@link fsync} effect
 * after it has completed.
 */
export interface DurableStore extends ReadonlyDurableStore {
  /**
   * Saves a deep copy of `value` under `key`. Only plain data (objects, arrays, `Map`, `Set`,
   * primitives): a class instance (a date too: store its number) or a function throws a `TypeError`.
   */
  set<T>(key: string, value: T): void;
  /** Removes `key`; returns true if it existed. */
  delete(key: string): boolean;
  /** Appends copies of `entries` to the log `log` (created if new); returns its new length. */
  append<T>(log: string, ...entries: T[]): number;
  /** Drops the entries of `log` with index `>= length` (a Raft follower discarding a conflict). */
  truncateLog(log: string, length: number): void;
}

/** What a node factory receives: its id, its peers, its own random stream and its disk. */
export interface NodeContext {
  /** This node's id. */
  readonly id: NodeId;
  /** Every node id in the cluster (including this one), in the order given to the simulation. */
  readonly nodeIds: readonly NodeId[];
  /** A random stream for this node only (a fresh fork on each restart). */
  readonly rng: Rng;
  /** The node's durable store: empty at first boot, as left by the previous life after a restart. */
  readonly durable: DurableStore;
}

/** Builds a node; called at boot and after every restart (with the same durable store). */
export type NodeFactory<M, N extends ProtocolNode<M> = ProtocolNode<M>> = (context: NodeContext) => N;

/** Effect constructor: send `message` to `to`. */
export function send<M>(to: NodeId, message: M): Effect<M> {
  return { type: 'send', to, message };
}

/** Effect constructor: arm timer `name` to fire after `afterMs` local milliseconds. */
export function setTimer<M = never>(name: string, afterMs: number): Effect<M> {
  return { type: 'setTimer', name, afterMs };
}

/** Effect constructor: disarm timer `name`. */
export function cancelTimer<M = never>(name: string): Effect<M> {
  return { type: 'cancelTimer', name };
}

/** Effect constructor: report `label` (with optional data) outside the protocol. */
export function output<M = never>(label: string, data?: unknown): Effect<M> {
  return data === undefined ? { type: 'output', label } : { type: 'output', label, data };
}

/**
 * Effect constructor: make the durable writes so far survive a crash (see the `fsync` effect).
 *
 * @example
 * context.durable.set('votedFor', candidate);
 * return [fsync(), send(candidate, { type: 'Vote', granted: true })]; // persist, then answer
 */
export function fsync<M = never>(): Effect<M> {
  return { type: 'fsync' };
}

/** Helper for exhaustive `switch` statements on message unions. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
