/**
 * The options of `launchCluster`, their checks, and the plain records a cluster hands out
 * (messages to clients, errors).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { NodeId } from '../sim/types';
import { encodeValue } from './codec';
import type { RuntimeDurability } from './wire';

/** Options of {@link launchCluster}. */
export interface LaunchOptions {
  /** Path of the module exporting the factory (absolute, or relative to the current folder), e.g. `'./lib/sim/examples/ping-pong'`. */
  readonly module: string;
  /** Name of the exported node factory (or, with `args`, of the function that returns it). */
  readonly factory: string;
  /** When given, the node factory is `module[factory](...args)` (plain data only), e.g. `pingPong(3)`. */
  readonly args?: readonly unknown[];
  /** The nodes, one process each. */
  readonly nodeIds: readonly NodeId[];
  /** Folder for the nodes' durable files (one subfolder per node); default a fresh temp folder, removed by `stop()`. */
  readonly dataDir?: string;
  /** Extra environment variables for the node processes. */
  readonly env?: Readonly<Record<string, string>>;
  /** `'immediate'` (default: persist after every step, before its sends) or `'fsync'` (only at `fsync` effects). */
  readonly durability?: RuntimeDurability;
  /** Seed of the nodes' random streams (default `'runtime'`). Real runs are not reproducible; their randomness is. */
  readonly seed?: string | number;
  /** How long a node process may take to load and listen (default 20 s). */
  readonly startTimeoutMs?: number;
  /** Largest frame a node accepts from a peer (default 16 MiB). */
  readonly maxFrameBytes?: number;
  /** Extra Node flags for the node processes, e.g. `['--cpu-prof']` or `['--inspect=127.0.0.1:0']`. */
  readonly nodeArgs?: readonly string[];
}

/** A message a node sent to an id outside the cluster (a client), as the launcher received it. */
export interface ExternalMessage<M = unknown> {
  readonly timeMs: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly message: M;
}

/** An error a node reported: `fatal` when its code threw and the node died, else a refused connection or malformed frame. */
export interface RuntimeError {
  readonly node: NodeId;
  readonly message: string;
  readonly fatal: boolean;
  readonly timeMs: number;
}

/** Checks the options before any process starts (clear Spanish errors); resolves `module` to an absolute path. */
export function validateLaunchOptions(options: LaunchOptions): LaunchOptions & { readonly module: string } {
  const ids = options.nodeIds;
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string' || id === '')) {
    throw new TypeError('launchCluster: nodeIds debe ser una lista no vacía de ids (texto)');
  }
  if (new Set(ids).size !== ids.length) throw new TypeError(`launchCluster: ids repetidos en nodeIds: ${ids.join(', ')}`);
  if (typeof options.factory !== 'string' || options.factory === '') throw new TypeError('launchCluster: factory debe ser el nombre de una función exportada');
  if (options.args !== undefined && !Array.isArray(options.args)) throw new TypeError('launchCluster: args debe ser una lista');
  if (options.args !== undefined) encodeValue(options.args, 'launchCluster args');
  if (options.durability !== undefined && options.durability !== 'immediate' && options.durability !== 'fsync') {
    throw new TypeError(`launchCluster: durability debe ser 'immediate' o 'fsync', no ${JSON.stringify(options.durability)}`);
  }
  if (options.nodeArgs !== undefined && (!Array.isArray(options.nodeArgs) || options.nodeArgs.some((a) => typeof a !== 'string'))) {
    throw new TypeError('launchCluster: nodeArgs debe ser una lista de opciones de node (texto)');
  }
  if (typeof options.module !== 'string' || options.module === '') throw new TypeError('launchCluster: module debe ser la ruta de un módulo');
  const module = isAbsolute(options.module) ? options.module : resolve(process.cwd(), options.module);
  if (!['', '.ts', '.js', '.cjs'].some((ext) => existsSync(module + ext))) throw new Error(`launchCluster: no existe el módulo ${module}`);
  return { ...options, module };
}
