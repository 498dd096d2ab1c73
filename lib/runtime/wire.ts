/**
 * The messages of the real-process runtime: between the launcher and each node process
 * (over the IPC channel of `child_process.fork`, one JSON text per message) and between node
 * processes (over TCP, one lib/net frame per message, JSON inside).
 */
import type { NodeId } from '../sim/types';

/** Name of the environment variable that carries a node process's config (JSON). */
export const CONFIG_ENV = 'DSK_RUNTIME_CONFIG';

/** The argument that marks a node process on its command line (`--dsk-runtime=<cluster tag>`), so leftovers can be found. */
export const PROCESS_MARKER = '--dsk-runtime=';

/** When durable writes survive a crash: at the end of each step (before its sends), or only at an `fsync` effect. */
export type RuntimeDurability = 'immediate' | 'fsync';

/** Everything a node process needs to boot, passed in its environment as JSON. */
export interface NodeProcessConfig {
  readonly id: NodeId;
  readonly nodeIds: readonly NodeId[];
  /** Absolute path of the module that exports the factory. */
  readonly module: string;
  readonly factory: string;
  /** When present, `module[factory](...args)` returns the node factory. */
  readonly args?: readonly unknown[];
  /** This node's folder for its durable files. */
  readonly dataDir: string;
  readonly durability: RuntimeDurability;
  /** Seed of the node's random stream (a fresh fork per life). */
  readonly seed: string;
  /** 1 at the first boot, +1 per restart. */
  readonly life: number;
  /** The cluster's time zero: `process.hrtime.bigint()` of the launcher, as decimal text. */
  readonly epochNs: string;
  readonly maxFrameBytes: number;
}

/** Launcher → node, over IPC. Messages inside are `encodeValue` text. */
export type ControlMessage =
  /** The TCP port of every live peer (absent: not running). */
  | { readonly type: 'peers'; readonly ports: Readonly<Record<NodeId, number>> }
  /** Build the node and call `start`. */
  | { readonly type: 'start' }
  /** Refuse these peers from now on, both ways (replaces the previous set); answer `ack`. */
  | { readonly type: 'block'; readonly peers: readonly NodeId[]; readonly ack: number }
  /** Deliver `message` as if sent by `from`. */
  | { readonly type: 'inject'; readonly from: NodeId; readonly message: string; readonly key: string; readonly sentAtMs: number };

/** Node → launcher, over IPC. */
export type ReportMessage =
  /** Module and factory loaded, store opened, listening on `port`. */
  | { readonly type: 'ready'; readonly port: number }
  /** The node cannot go on (its module failed to load, its code threw); it exits next. */
  | { readonly type: 'fatal'; readonly message: string }
  | { readonly type: 'ack'; readonly ack: number }
  /** Records, in the order they happened at this node; messages and data in `encodeValue` form. */
  | { readonly type: 'records'; readonly lines: readonly string[] };

/** The first frame on a connection between nodes: who is calling. */
export interface HelloFrame {
  readonly hello: NodeId;
}

/** A protocol message between nodes. */
export interface MessageFrame {
  /** Message key (`sender.life.n`). */
  readonly k: string;
  /** Send time, ms since the cluster's epoch. */
  readonly t: number;
  /** The message, in `toJsonValue` form. */
  readonly m: unknown;
}

/** Parses the first frame of a connection; throws a clear error when it is not a hello from a known node. */
export function parseHello(text: string, nodeIds: readonly NodeId[]): NodeId {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    throw new Error(`trama malformada: se esperaba un saludo JSON {"hello": id}, llegó ${preview(text)}`);
  }
  const hello = (frame as Partial<HelloFrame> | null)?.hello;
  if (typeof hello !== 'string' || !nodeIds.includes(hello)) {
    throw new Error(`saludo de un nodo desconocido ${preview(text)} (nodos: ${nodeIds.join(', ')})`);
  }
  return hello;
}

/** Parses a message frame; throws a clear error when it is not one. */
export function parseMessageFrame(text: string): MessageFrame {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    throw new Error(`trama malformada: no es JSON: ${preview(text)}`);
  }
  const f = frame as Partial<MessageFrame> | null;
  if (typeof f !== 'object' || f === null || typeof f.k !== 'string' || typeof f.t !== 'number' || !('m' in f)) {
    throw new Error(`trama malformada: se esperaba {"k", "t", "m"}, llegó ${preview(text)}`);
  }
  return f as MessageFrame;
}

/** The first characters of a text, quoted, for error messages. */
export function preview(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}
