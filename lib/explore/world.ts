/**
 * The rules of the explored system: the initial world, the moves enabled in a world, how a
 * move changes it, and its invariants. Time is abstract: step k happens at k ms, and any armed
 * timer may fire at any step (its delay is ignored), which covers every timing a real run
 * could have.
 */
import type { Rng } from '../random/index';
import type { ClusterView } from '../sim/checkers';
import { checkerName, readCheckResult } from '../sim/checkers';
import { copyPlain, MemoryDurableStore } from '../sim/durable';
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/types';
import { messageKey, nodeBaseStream, nodeStream, ProtocolException } from './protocol-call';
import { canonical, cloneGraph, combineFingerprints, fingerprint, fingerprintValue, mixFingerprint, sharedObjects } from './snapshot';
import { applyEffects } from './state';
import type { Broken, Move, World } from './state';
import type { ExploreOptions } from './types';

export type { Broken, InFlight, Move, World } from './state';

/** The rules of the explored system: initial world, enabled moves, transitions, invariants. */
export class WorldModel<M, N extends ProtocolNode<M>> {
  readonly nodeIds: readonly NodeId[];
  private readonly index: ReadonlyMap<NodeId, number>;
  private readonly bases: readonly Rng[];
  private readonly drops: boolean;
  private readonly maxDuplicates: number;
  private readonly maxCrashes: number;
  /** Configuration objects several nodes share (found at boot): never copied, encoded by a label. */
  private shared: ReadonlyMap<object, string> = new Map();

  constructor(private readonly options: ExploreOptions<M, N>) {
    this.nodeIds = [...options.nodeIds];
    this.index = new Map(this.nodeIds.map((id, i) => [id, i]));
    if (this.index.size !== this.nodeIds.length || this.nodeIds.length === 0) throw new Error('explore: nodeIds must be distinct and not empty');
    if (this.nodeIds.length > 30) throw new RangeError(`explore: at most 30 nodes (an exhaustive search is for small clusters), got ${this.nodeIds.length}`);
    const faults = options.faults ?? {};
    this.drops = faults.drop ?? true;
    this.maxDuplicates = faults.duplicates ?? 0;
    this.maxCrashes = faults.crashes ?? 0;
    for (const [name, n] of [['duplicates', this.maxDuplicates], ['crashes', this.maxCrashes]] as const) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`explore: faults.${name} must be an integer >= 0, got ${n}`);
    }
    for (const checker of options.checkers) {
      if (typeof checker !== 'function') {
        throw new TypeError('explore: checkers must be plain Checker functions over the cluster; run-level checkers (factories) need an order of events, which a state does not have');
      }
    }
    const seed = options.seed ?? 1;
    this.bases = this.nodeIds.map((id) => nodeBaseStream(seed, id));
  }

  /** The world after every node booted (step 0). */
  initial(): World<M, N> {
    const n = this.nodeIds.length;
    const world: World<M, N> = {
      nodes: new Array<N | undefined>(n).fill(undefined),
      disks: this.nodeIds.map(() => new MemoryDurableStore()),
      lives: new Array<number>(n).fill(0),
      timers: new Array<readonly string[]>(n).fill([]),
      hashes: new Array<number>(n).fill(0),
      owned: (1 << n) - 1,
      inflight: [],
      outputs: [],
      outputHashes: [],
      crashes: 0,
      duplicates: 0,
      step: 0,
    };
    for (let i = 0; i < n; i++) this.boot(world, i);
    this.shared = new Map([...sharedObjects(world.nodes, new Set(world.disks))].map((object, i) => [object, `$shared${i}`]));
    for (let i = 0; i < n; i++) world.hashes[i] = this.nodeHash(world, i);
    return world;
  }

  /** A child of `world` that may be stepped without changing `world`. */
  clone(world: World<M, N>): World<M, N> {
    return { ...world, nodes: world.nodes.slice(), disks: world.disks.slice(), lives: world.lives.slice(), timers: world.timers.slice(), hashes: world.hashes.slice(), owned: 0, inflight: world.inflight.slice(), outputs: world.outputs.slice(), outputHashes: world.outputHashes.slice() };
  }

  /** The state's fingerprint (its depth excluded): nodes in order, then messages, outputs and budgets. */
  fingerprint(world: World<M, N>): number {
    const parts = world.hashes.slice();
    for (const m of world.inflight) parts.push(m.hash);
    parts.push(-1);
    for (const h of world.outputHashes) parts.push(h);
    parts.push(-1, world.crashes, world.duplicates);
    return combineFingerprints(parts);
  }

  /** The canonical text of a world, for debugging and tests: equal texts are the same state. */
  canonicalText(world: World<M, N>): string {
    const parts = this.nodeIds.map((_, i) => this.nodeText(world, i));
    parts.push(`net:${world.inflight.map((m) => m.key).join('|')}`, `out:${world.outputs.map((o) => `${o.node}|${o.label}|${canonical(o.data)}`).sort().join('|')}`);
    return [...parts, `budget:${world.crashes},${world.duplicates}`].join('\n');
  }

  /** Every move enabled in `world`, in a fixed order (deliveries, timers, duplicates, drops, crashes, restarts). */
  moves(world: World<M, N>): Move<M>[] {
    const moves: Move<M>[] = [];
    const distinct = world.inflight.filter((m, i) => i === 0 || world.inflight[i - 1]?.key !== m.key);
    const up = (i: number) => world.nodes[i] !== undefined;
    const ids = this.nodeIds;
    for (const m of distinct) if (up(m.to)) moves.push({ choice: { type: 'deliver', from: m.from, to: ids[m.to] as NodeId, message: m.message }, key: m.key });
    ids.forEach((id, i) => {
      if (up(i)) for (const name of world.timers[i] as readonly string[]) moves.push({ choice: { type: 'timer', node: id, name } });
    });
    if (world.duplicates < this.maxDuplicates) {
      for (const m of distinct) if (up(m.to)) moves.push({ choice: { type: 'duplicate', from: m.from, to: ids[m.to] as NodeId, message: m.message }, key: m.key });
    }
    if (this.drops) for (const m of distinct) moves.push({ choice: { type: 'drop', from: m.from, to: ids[m.to] as NodeId, message: m.message }, key: m.key });
    if (world.crashes < this.maxCrashes) ids.forEach((id, i) => up(i) && moves.push({ choice: { type: 'crash', node: id } }));
    ids.forEach((id, i) => up(i) || moves.push({ choice: { type: 'restart', node: id } }));
    return moves;
  }

  /** Applies `move` to `world` in place (one step). A `ProtocolException` is thrown if protocol code throws. */
  apply(world: World<M, N>, move: Move<M>): void {
    const choice = move.choice;
    world.step++;
    switch (choice.type) {
      case 'deliver':
      case 'duplicate':
      case 'drop': {
        const key = move.key ?? messageKey(choice.from, choice.to, choice.message);
        const index = world.inflight.findIndex((m) => m.key === key);
        const entry = world.inflight[index];
        if (entry === undefined) throw new Error(`explore: no message ${key} in flight`);
        if (choice.type === 'duplicate') world.duplicates++;
        else world.inflight.splice(index, 1);
        if (choice.type !== 'drop') this.step(world, entry.to, { type: 'message', from: entry.from, message: copyPlain(entry.message) });
        break;
      }
      case 'timer': {
        const i = this.indexOf(choice.node);
        const armed = world.timers[i] as readonly string[];
        if (!armed.includes(choice.name)) throw new Error(`explore: timer ${choice.name} is not armed at ${choice.node}`);
        world.timers[i] = armed.filter((name) => name !== choice.name);
        this.step(world, i, { type: 'timer', name: choice.name });
        break;
      }
      case 'crash': {
        const i = this.indexOf(choice.node);
        world.nodes[i] = undefined;
        world.timers[i] = [];
        world.crashes++;
        world.hashes[i] = this.nodeHash(world, i);
        break;
      }
      case 'restart': {
        const i = this.indexOf(choice.node);
        this.own(world, i);
        this.boot(world, i);
        world.hashes[i] = this.nodeHash(world, i);
        break;
      }
    }
  }

  /** The first checker that fails in `world`, or `undefined`. */
  check(world: World<M, N>): Broken | undefined {
    const nodes = new Map<NodeId, N>();
    const crashed = new Set<NodeId>();
    this.nodeIds.forEach((id, i) => {
      const node = world.nodes[i];
      if (node === undefined) crashed.add(id);
      else nodes.set(id, node);
    });
    // A read-only wrapper per call: disks are shared between worlds and must not be written.
    const durable = (id: NodeId) => {
      const disk = world.disks[this.indexOf(id)] as MemoryDurableStore;
      return { get: (key: string) => disk.get(key), keys: () => disk.keys(), readLog: (log: string, from?: number, to?: number) => disk.readLog(log, from, to), logLength: (log: string) => disk.logLength(log) };
    };
    const view = { nowMs: world.step, nodes, crashed, outputs: world.outputs, durable, clients: [], history: [] } as unknown as ClusterView<N>;
    for (const checker of this.options.checkers) {
      const found = readCheckResult(checker(view));
      if (found) return { checker: checkerName(checker as never), message: found.message };
    }
    return undefined;
  }

  private indexOf(id: NodeId): number {
    const i = this.index.get(id);
    if (i === undefined) throw new Error(`explore: unknown node "${id}" (nodes: ${this.nodeIds.join(', ')})`);
    return i;
  }

  /** The fingerprint of node i's part of the state: {@link nodeText}'s content, hashed without building it. */
  private nodeHash(world: World<M, N>, i: number): number {
    const disk = world.disks[i] as MemoryDurableStore;
    const node = world.nodes[i];
    const labels = new Map(this.shared);
    labels.set(disk, '$disk');
    let hash = mixFingerprint(fingerprint(this.nodeIds[i] as NodeId), world.lives[i] as number);
    hash = mixFingerprint(hash, node === undefined ? 0 : fingerprintValue(node, labels));
    hash = mixFingerprint(hash, fingerprintValue(disk));
    return mixFingerprint(hash, fingerprint((world.timers[i] as readonly string[]).join(',')));
  }

  /** Node i's part of the canonical text. */
  private nodeText(world: World<M, N>, i: number): string {
    const disk = world.disks[i] as MemoryDurableStore;
    const node = world.nodes[i];
    const labels = new Map(this.shared);
    labels.set(disk, '$disk');
    const text = node === undefined ? 'down' : canonical(node, labels);
    return `${this.nodeIds[i]}#${world.lives[i]}:${text}\ndisk:${canonical(disk)}\ntimers:${(world.timers[i] as readonly string[]).join(',')}`;
  }

  /** Copies node i and its disk into `world` (once) so they can be mutated; together, so a node's reference to its disk stays right. */
  private own(world: World<M, N>, i: number): void {
    if (world.owned & (1 << i)) return;
    world.owned |= 1 << i;
    const memo = new Map<object, unknown>();
    for (const object of this.shared.keys()) memo.set(object, object);
    const node = world.nodes[i];
    if (node !== undefined) world.nodes[i] = cloneGraph(node, memo);
    world.disks[i] = cloneGraph(world.disks[i] as MemoryDurableStore, memo);
  }

  private boot(world: World<M, N>, i: number): void {
    const id = this.nodeIds[i] as NodeId;
    const life = (world.lives[i] as number) + 1;
    world.lives[i] = life;
    const context = { id, nodeIds: this.nodeIds, rng: nodeStream(this.bases[i] as Rng, life), durable: world.disks[i] } as NodeContext;
    try {
      const node = this.options.createNode(context);
      world.nodes[i] = node;
      this.effects(world, i, node.start(world.step));
    } catch (error) {
      throw new ProtocolException(id, life === 1 ? 'start' : 'restart', error);
    }
  }

  private step(world: World<M, N>, i: number, input: Input<M>): void {
    this.own(world, i);
    const node = world.nodes[i] as N;
    try {
      this.effects(world, i, node.step(input, world.step));
    } catch (error) {
      throw new ProtocolException(this.nodeIds[i] as NodeId, 'step', error);
    }
    world.hashes[i] = this.nodeHash(world, i);
  }

  private effects(world: World<M, N>, i: number, effects: readonly Effect<M>[]): void {
    applyEffects(world, i, this.nodeIds[i] as NodeId, this.index, effects);
  }
}
