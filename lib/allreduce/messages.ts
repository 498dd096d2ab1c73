/**
 * The messages between the main thread, the worker threads of ring AllReduce and the parameter
 * server thread. Vectors travel as `Float64Array`s: the main thread's vectors are copied
 * (structured clone), the chunks between neighbours are sliced (one copy) and their buffer
 * transferred (no second copy).
 */
import type { MessagePort } from 'node:worker_threads';
import type { RingPhase } from './ring';

/** A fault a worker acts out at a global step of an AllReduce (0 … 2(N − 1) − 1). */
export interface PlantedFault {
  readonly rank: number;
  readonly atStep: number;
  /** `'exit'`: the thread throws and dies; `'hang'`: it stops answering. */
  readonly kind: 'exit' | 'hang';
}

/** A worker's shard of rows, row-major. */
export interface ShardPayload {
  readonly rows: number;
  readonly features: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * Main → worker. `AllReduce` stages a vector (acknowledged as `staged-<opId>`); `Go` then starts
 * that operation's ring on every thread at once.
 */
export type ToWorker =
  | { readonly type: 'Ring'; readonly ringId: number; readonly rank: number; readonly n: number; readonly next?: MessagePort; readonly prev?: MessagePort }
  | { readonly type: 'AllReduce'; readonly opId: string; readonly ringId: number; readonly vector: Float64Array; readonly fault?: PlantedFault }
  | { readonly type: 'LoadShard'; readonly shardId: number; readonly shard: ShardPayload }
  | { readonly type: 'TrainRing'; readonly opId: string; readonly ringId: number; readonly iterations: number; readonly learningRate: number; readonly totalRows: number }
  | { readonly type: 'ServerPorts'; readonly psId: number; readonly ports: readonly MessagePort[] }
  | { readonly type: 'WorkerPort'; readonly psId: number; readonly port: MessagePort }
  | { readonly type: 'TrainServer'; readonly opId: string; readonly psId: number; readonly iterations: number; readonly learningRate: number; readonly totalRows: number; readonly features: number }
  | { readonly type: 'TrainWorker'; readonly opId: string; readonly psId: number; readonly iterations: number }
  | { readonly type: 'Go'; readonly opId: string }
  | { readonly type: 'Sink'; readonly opId: string; readonly vector: Float64Array };

/** Worker → main. */
export type FromWorker =
  | { readonly type: 'Ready' }
  | { readonly type: 'Ack'; readonly of: string }
  | { readonly type: 'Reduced'; readonly opId: string; readonly vector: Float64Array; readonly ringMs: number }
  | { readonly type: 'Trained'; readonly opId: string; readonly weights: Float64Array; readonly exchangeMs: number };

/** Worker → worker, over a ring edge: one chunk of one step. */
export interface ChunkMessage {
  readonly opId: string;
  readonly phase: RingPhase;
  readonly step: number;
  readonly chunk: Float64Array;
}
