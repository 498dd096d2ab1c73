/**
 * The interpreter's records: a pending event, and what it keeps per node (or client), plus
 * the slots a simulation builds from its options.
 */
import type { Rng } from '../random/index';
import { PERFECT_CLOCK, randomClockModel } from '../clocks/physical';
import type { ClockModel } from '../clocks/physical';
import { MemoryDurableStore } from './durable';
import type { DurabilityMode } from './durable';
import type { SimulationOptions } from './options';
import type { TraceLog } from './trace-log';
import type { NodeId, ProtocolNode } from './types';

/**
 * A pending event. One object shape for every kind keeps the hot loop monomorphic: a delivery
 * uses every field; a timer stores its name in `from` and its node in `to`; an action only `action`.
 */
export interface QueuedEvent<M> {
  timeMs: number;
  seq: number;
  kind: number;
  from: NodeId;
  to: NodeId;
  /** The slot of `to`, looked up once when the event is queued (`undefined` for an id outside the cluster or an action). */
  target: NodeSlot<unknown> | undefined;
  message: M | undefined;
  messageId: number;
  duplicate: boolean;
  action: (() => void) | undefined;
}

/** What the simulator keeps per node: the live object (none while crashed), timers, clock, disk. */
export interface NodeSlot<N> {
  readonly id: NodeId;
  node: N | undefined;
  readonly timers: Map<string, number>;
  readonly durable: MemoryDurableStore;
  readonly clock: ClockModel;
  readonly perfectClock: boolean;
  readonly rng: Rng;
  /** The node id's code in the trace log (-1 when tracing is off). */
  readonly traceCode: number;
  /** True for a client actor (outside the cluster: never in `nodes`, never crashed by faults). */
  readonly isClient: boolean;
  lives: number;
}

/**
 * Fills `slots` with the slots of the cluster's nodes, then of the clients (whose random streams are forked
 * after the nodes', so adding clients changes no node's draws). Clients keep perfect clocks.
 */
export function createSlots<M, N extends ProtocolNode<M>>(
  slots: Map<NodeId, NodeSlot<N>>,
  options: SimulationOptions<M, N>,
  ids: { readonly nodeIds: readonly NodeId[]; readonly clientIds: readonly NodeId[] },
  streams: { readonly clockRng: Rng; readonly nodeRng: Rng },
  log: TraceLog<M> | undefined,
  durability: DurabilityMode,
): void {
  const clocks = options.clocks;
  const add = (id: NodeId, clock: ClockModel, isClient: boolean) => {
    const perfectClock = clock.offsetMs === 0 && clock.driftPpm === 0;
    const traceCode = log === undefined ? -1 : log.nodeCode(id);
    const durable = new MemoryDurableStore(durability);
    slots.set(id, { id, node: undefined, timers: new Map(), durable, clock, perfectClock, rng: streams.nodeRng.fork(id), traceCode, isClient, lives: 0 });
  };
  for (const id of ids.nodeIds) {
    add(id, isClockMap(clocks) ? clocks.get(id) ?? PERFECT_CLOCK : clocks ? randomClockModel(streams.clockRng, clocks) : PERFECT_CLOCK, false);
  }
  for (const id of ids.clientIds) add(id, PERFECT_CLOCK, true);
}

/** Checks the options the interpreter reads itself; returns the durability and the fsync time. */
export function checkRunOptions<M, N extends ProtocolNode<M>>(options: SimulationOptions<M, N>, nodeIds: readonly NodeId[], clientIds: readonly NodeId[]): { durability: DurabilityMode; fsyncMs: number } {
  if (new Set(nodeIds).size !== nodeIds.length) throw new Error('node ids must be distinct');
  for (const id of clientIds) if (nodeIds.includes(id)) throw new Error(`client id "${id}" is also a node id`);
  if (new Set(clientIds).size !== clientIds.length) throw new Error('client ids must be distinct');
  if (clientIds.length > 0 && typeof options.clients?.createClient !== 'function') throw new TypeError('clients: createClient must be a function');
  const durability: DurabilityMode = options.durability ?? 'immediate';
  if (durability !== 'immediate' && durability !== 'fsync') throw new RangeError(`durability must be 'immediate' or 'fsync', got ${String(durability)}`);
  const fsyncMs = options.fsyncMs ?? 1;
  if (!(fsyncMs >= 0) || !Number.isFinite(fsyncMs)) throw new RangeError(`fsyncMs must be a finite number >= 0, got ${fsyncMs}`);
  return { durability, fsyncMs };
}

function isClockMap(value: unknown): value is ReadonlyMap<NodeId, ClockModel> {
  return value instanceof Map;
}
