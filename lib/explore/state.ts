/**
 * The explorer's global state, and how a node's effects change it. A world holds the live
 * nodes, their disks, armed timers (a set of names per node), the multiset of in-flight
 * messages, the outputs so far and the fault budgets used; per-node arrays are indexed like
 * `nodeIds`.
 */
import type { OutputRecord } from '../sim/checkers';
import { copyPlain } from '../sim/durable';
import type { MemoryDurableStore } from '../sim/durable';
import type { Effect, NodeId } from '../sim/types';
import { insertSorted, messageKey } from './protocol-call';
import { canonical, fingerprint } from './snapshot';
import type { Choice } from './types';

/** A message in flight; `key` (sender, receiver, canonical content) orders and identifies it. */
export interface InFlight<M> {
  readonly from: NodeId;
  readonly to: number;
  readonly message: M;
  readonly key: string;
  readonly hash: number;
}

/**
 * One global state. Worlds share unchanged node objects and disks (copy on write): a step
 * copies only the node it touches (`owned` marks the copied ones), so most of a child's
 * values are its parent's, never mutated.
 */
export interface World<M, N> {
  nodes: (N | undefined)[];
  disks: MemoryDurableStore[];
  lives: number[];
  /** Armed timer names per node, sorted; arrays are replaced, never edited. */
  timers: (readonly string[])[];
  /** Fingerprint of each node's part of the state (fields, disk, timers, life). */
  hashes: number[];
  /** Bit i set: this world copied node i and its disk, so it may mutate them. */
  owned: number;
  /** In-flight messages sorted by key; entries are shared between worlds. */
  inflight: InFlight<M>[];
  outputs: OutputRecord[];
  /** Fingerprints of the outputs, sorted (outputs are hashed as a multiset). */
  outputHashes: number[];
  crashes: number;
  duplicates: number;
  /** Steps taken: the depth of this state, and the simulated ms of its last event. */
  step: number;
}

/** A choice plus where its message sits, so applying it needs no re-encoding. */
export interface Move<M> {
  readonly choice: Choice<M>;
  readonly key?: string;
}

/** A broken invariant (or an exception in protocol code) found in a world. */
export interface Broken {
  readonly checker: string;
  readonly message: string;
}

/**
 * Interprets the effects node `i` (named `id`) returned: sends join the in-flight multiset
 * (messages to ids outside `index` leave the explored system), timers are armed or disarmed by
 * name (their delays are checked, then ignored), outputs are recorded, an fsync changes nothing
 * (every durable write is immediate here). A malformed effect throws.
 */
export function applyEffects<M, N>(world: World<M, N>, i: number, id: NodeId, index: ReadonlyMap<NodeId, number>, effects: readonly Effect<M>[]): void {
  for (const effect of effects) {
    switch (effect.type) {
      case 'send': {
        // Messages to ids outside the cluster leave the explored system.
        const to = index.get(effect.to);
        if (to === undefined) break;
        const message = copyPlain(effect.message);
        const key = messageKey(id, effect.to, message);
        const entry: InFlight<M> = { from: id, to, message, key, hash: fingerprint(key) };
        let at = world.inflight.length;
        while (at > 0 && (world.inflight[at - 1] as InFlight<M>).key > key) at--;
        world.inflight.splice(at, 0, entry);
        break;
      }
      case 'setTimer': {
        // The simulator rejects these delays too (they would run time backwards or never fire).
        if (!(effect.afterMs >= 0 && effect.afterMs !== Infinity)) throw new RangeError(`setTimer("${effect.name}"): afterMs debe ser un número finito >= 0, recibido ${String(effect.afterMs)}`);
        const armed = world.timers[i] as readonly string[];
        if (!armed.includes(effect.name)) world.timers[i] = [...armed, effect.name].sort();
        break;
      }
      case 'cancelTimer':
        world.timers[i] = (world.timers[i] as readonly string[]).filter((name) => name !== effect.name);
        break;
      case 'output': {
        const data = copyPlain(effect.data);
        world.outputs.push(data === undefined ? { timeMs: world.step, node: id, label: effect.label } : { timeMs: world.step, node: id, label: effect.label, data });
        insertSorted(world.outputHashes, fingerprint(`${id}|${effect.label}|${canonical(data)}`));
        break;
      }
      case 'fsync':
        // Every durable write is immediate in the explorer: an fsync changes nothing.
        break;
      default:
        throw new TypeError(`unknown effect: ${JSON.stringify(effect)}`);
    }
  }
}
