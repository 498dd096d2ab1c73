// @real-io: interprets a protocol node's effects with real sockets, timers and files, inside its own process.
/**
 * The second interpreter of `ProtocolNode` effects (the first is lib/sim's simulator): it runs
 * one node inside its own OS process. `send` goes over TCP to the peer's process, `setTimer`
 * is a real `setTimeout`, the durable store is files, `output` and every other event is
 * reported to the launcher as a record.
 *
 * Durability: in `'immediate'` mode the store is persisted after each `start`/`step` returns,
 * before any of its effects (so a message never leaves before the write it depends on is on
 * disk); in `'fsync'` mode only at an `fsync` effect, at its place among the effects, so
 * `[send(reply), fsync()]` really replies before the write is durable.
 */
import { createRng } from '../random/index';
import type { DropReason } from '../sim/trace';
import type { Effect, Input, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { decodeValue, encodeValue } from './codec';
import { FileDurableStore } from './file-store';
import { PeerNetwork } from './peer-network';
import type { RuntimeRecord } from './records';
import type { ControlMessage, NodeProcessConfig, ReportMessage } from './wire';

/** How long a record may wait before it is sent to the launcher with the others of its batch. */
const RECORD_BATCH_MS = 2;

/** How the host talks to its launcher (the IPC channel in a real process). */
export interface LauncherLink {
  send(report: ReportMessage, then?: () => void): void;
  onControl(handler: (message: ControlMessage) => void): void;
  /** Ends the process (after a fatal report). */
  exit(code: number): void;
}

/** Loads the node factory named by the config; throws a clear Spanish error when it cannot. */
export function loadFactory(config: Pick<NodeProcessConfig, 'module' | 'factory' | 'args'>): NodeFactory<unknown> {
  let exported: Record<string, unknown>;
  try {
    exported = require(config.module) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`el módulo ${config.module} lanzó un error al cargarse: ${describe(error)}`);
  }
  const value = exported[config.factory];
  if (typeof value !== 'function') {
    const names = Object.keys(exported).filter((name) => typeof exported[name] === 'function');
    throw new Error(`el módulo ${config.module} no exporta una función "${config.factory}" (funciones exportadas: ${names.join(', ') || 'ninguna'})`);
  }
  if (config.args === undefined) return value as NodeFactory<unknown>;
  const factory = (value as (...args: unknown[]) => unknown)(...config.args);
  if (typeof factory !== 'function') {
    throw new Error(`${config.factory}(${config.args.map((a) => JSON.stringify(a)).join(', ')}) no devolvió una función fábrica de nodos, sino ${typeof factory}`);
  }
  return factory as NodeFactory<unknown>;
}

/** An error's stack (or message) as text. */
export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Runs one node in this process until the launcher kills it or goes away. */
export async function hostNode(config: NodeProcessConfig, link: LauncherLink): Promise<void> {
  const epoch = BigInt(config.epochNs);
  const nowMs = () => Number(process.hrtime.bigint() - epoch) / 1e6;
  let pendingLines: string[] = [];
  let flushing = false;
  const flush = () => {
    flushing = false;
    if (pendingLines.length === 0) return;
    link.send({ type: 'records', lines: pendingLines });
    pendingLines = [];
  };
  const record = (r: RuntimeRecord<unknown>) => {
    pendingLines.push(encodeValue(r, 'runtime record'));
    if (!flushing) {
      // Records travel in batches, at most RECORD_BATCH_MS late: one IPC message per step
      // would wake the launcher for every message and cost more than the message itself.
      flushing = true;
      setTimeout(flush, RECORD_BATCH_MS);
    }
  };
  let dead = false;
  const fatal = (message: string) => {
    if (dead) return;
    dead = true;
    flush();
    link.send({ type: 'fatal', message }, () => link.exit(1));
  };

  let factory: NodeFactory<unknown>;
  let store: FileDurableStore;
  try {
    factory = loadFactory(config);
    store = new FileDurableStore(config.dataDir);
  } catch (error) {
    return fatal(error instanceof Error ? error.message : String(error));
  }
  const id = config.id;
  let node: ProtocolNode<unknown> | undefined;
  let sent = 0;
  const timers = new Map<string, NodeJS.Timeout>();
  /** Inputs that arrived before `start` (a peer was quicker): handled right after it. */
  const early: (() => void)[] = [];

  const onDrop = (to: NodeId, from: NodeId, key: string, sentAtMs: number, message: unknown, reason: DropReason) =>
    record({ kind: 'drop', timeMs: nowMs(), from, to, key, message, sentAtMs, reason });
  const deliver = (from: NodeId, key: string, sentAtMs: number, message: unknown): void => {
    if (node === undefined) return void early.push(() => deliver(from, key, sentAtMs, message));
    record({ kind: 'deliver', timeMs: nowMs(), from, to: id, key, message, sentAtMs });
    run('step', () => (node as ProtocolNode<unknown>).step({ type: 'message', from, message }, nowMs()));
  };
  const network = new PeerNetwork({
    id,
    nodeIds: config.nodeIds,
    maxFrameBytes: config.maxFrameBytes,
    onMessage: deliver,
    onDrop,
    onError: (message) => record({ kind: 'error', timeMs: nowMs(), node: id, message, fatal: false }),
  });

  function run(what: string, produce: () => Effect<unknown>[]): void {
    if (dead) return;
    try {
      apply(produce());
    } catch (error) {
      fatal(`el nodo ${id} lanzó una excepción en ${what}: ${describe(error)}`);
    }
  }

  function apply(effects: Effect<unknown>[]): void {
    if (!Array.isArray(effects)) throw new TypeError(`start/step must return an array of effects, got ${typeof effects}`);
    if (config.durability === 'immediate') store.persist();
    for (const effect of effects as unknown[]) {
      const e = effect as { type?: unknown; [field: string]: unknown };
      switch (e?.type) {
        case 'send': {
          if (typeof e['to'] !== 'string') throw new TypeError(`send: "to" must be a node id, got ${JSON.stringify(e['to'])}`);
          const key = `${id}.${config.life}.${sent++}`;
          const at = nowMs();
          record({ kind: 'send', timeMs: at, from: id, to: e['to'], key, message: e['message'] });
          // Ids outside the cluster (a 'client') are served by the launcher, from the record.
          if (config.nodeIds.includes(e['to'])) network.send(e['to'], key, e['message'], at);
          break;
        }
        case 'setTimer': {
          const name = e['name'];
          const afterMs = e['afterMs'];
          if (typeof name !== 'string') throw new TypeError(`setTimer: name must be a string, got ${JSON.stringify(name)}`);
          if (typeof afterMs !== 'number' || !Number.isFinite(afterMs) || afterMs < 0) {
            throw new RangeError(`setTimer("${name}"): afterMs must be a finite number >= 0, got ${String(afterMs)}`);
          }
          clearTimeout(timers.get(name));
          timers.set(name, setTimeout(() => fire(name), afterMs));
          break;
        }
        case 'cancelTimer':
          clearTimeout(timers.get(String(e['name'])));
          timers.delete(String(e['name']));
          break;
        case 'output': {
          const label = String(e['label']);
          record(e['data'] === undefined ? { kind: 'output', timeMs: nowMs(), node: id, label } : { kind: 'output', timeMs: nowMs(), node: id, label, data: e['data'] });
          break;
        }
        case 'fsync':
          record({ kind: 'fsync', timeMs: nowMs(), node: id, wrote: store.persist() });
          break;
        default:
          throw new TypeError(`unknown effect ${JSON.stringify(effect)}`);
      }
    }
  }

  function fire(name: string): void {
    timers.delete(name);
    record({ kind: 'timer', timeMs: nowMs(), node: id, name });
    const input: Input<unknown> = { type: 'timer', name };
    run(`timer ${name}`, () => (node as ProtocolNode<unknown>).step(input, nowMs()));
  }

  link.onControl((control) => {
    switch (control.type) {
      case 'peers':
        network.setPorts(control.ports);
        break;
      case 'block':
        network.block(control.peers);
        link.send({ type: 'ack', ack: control.ack });
        break;
      case 'inject': {
        const message = decodeValue(control.message);
        if (network.isBlocked(control.from)) onDrop(id, control.from, control.key, control.sentAtMs, message, 'partition');
        else deliver(control.from, control.key, control.sentAtMs, message);
        break;
      }
      case 'start': {
        if (node !== undefined) break;
        const rng = createRng(`${config.seed}/${id}`).fork(`life${config.life}`);
        try {
          node = factory({ id, nodeIds: config.nodeIds, rng, durable: store });
        } catch (error) {
          return fatal(`la fábrica "${config.factory}" lanzó una excepción al crear el nodo ${id}: ${describe(error)}`);
        }
        record({ kind: config.life === 1 ? 'start' : 'restart', timeMs: nowMs(), node: id, pid: process.pid });
        run('start', () => (node as ProtocolNode<unknown>).start(nowMs()));
        for (const input of early.splice(0)) input();
        break;
      }
    }
  });

  let port: number;
  try {
    port = await network.listen();
  } catch (error) {
    return fatal(`el nodo ${id} no pudo escuchar en 127.0.0.1: ${describe(error)}`);
  }
  link.send({ type: 'ready', port });
}
