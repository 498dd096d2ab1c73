// @real-io: starts, times and terminates the AllReduce worker threads.
/**
 * A pool of real `worker_threads` for ring AllReduce and data-parallel training. A ring of k
 * threads is one `MessageChannel` per ring edge r → r + 1, its two ports transferred to the two
 * threads; a parameter server is thread k with one channel to each of threads 0 … k − 1. If any
 * thread dies, or an operation does not finish within its timeout, the operation fails with a
 * Spanish error and every thread of the pool is terminated: a dead neighbour never hangs the
 * others' wait forever. Operations on one pool run one after another (a promise chain): a second
 * call made while one is running waits for it, so two operations never share the ports.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { tsxHookPath } from '../runtime/processes';
import type { LogisticDataset } from './dataset';
import { shardRows, trainSettings } from './logistic';
import type { TrainOptions } from './logistic';
import type { FromWorker, PlantedFault, ToWorker } from './messages';

const living = new Set<Worker>();

/** How many AllReduce worker threads are still running, over every pool (0 after every close). */
export function liveAllReduceThreads(): number {
  return living.size;
}

function workerMainPath(): string {
  for (const name of ['worker-main.ts', 'worker-main.js']) {
    const path = join(__dirname, name);
    if (existsSync(path)) return path;
  }
  throw new Error(`lib/allreduce: no encuentro worker-main.ts en ${__dirname}`);
}

interface Pending {
  readonly expected: number;
  readonly replies: Map<number, FromWorker>;
  readonly resolve: (replies: Map<number, FromWorker>) => void;
  readonly reject: (error: Error) => void;
}

/** Options of one operation. */
export interface OperationOptions {
  /** Fail (and close the pool) if it has not finished by then (default 10 000 ms). */
  readonly timeoutMs?: number;
}

/** The result of one {@link AllReducePool.allReduce}: every thread's vector and two times. */
export interface AllReduceRun {
  readonly vectors: Float64Array[];
  /**
   * The ring exchange measured inside the threads: each thread times from the moment it sends its
   * first chunk to the moment it has added or copied its last received chunk (the vectors are
   * already in every thread, all told to start together); the largest over the threads.
   */
  readonly ringMs: number;
  /** The same, per thread (rank order). */
  readonly ringMsByRank: number[];
  /**
   * Wall time seen by the main thread: copying each thread its vector (structured clone), the
   * ring, and the sums travelling back. Mostly the main thread's copies for large vectors.
   */
  readonly ms: number;
}

/** The result of one threaded training. */
export interface ThreadTraining {
  /** The model (rank 0's; every worker's copy is checked equal). */
  readonly weights: Float64Array;
  /** True when every worker ended with bit-for-bit the same weights. */
  readonly identical: boolean;
  /** Wall time of the whole training, seen by the main thread. */
  readonly ms: number;
  /**
   * The slowest worker's time spent exchanging, summed over iterations: from sending its gradient
   * (its first chunk, for the ring) until it holds the sum (the new weights, for the parameter
   * server). It includes waiting for slower workers, and the server's sum and update; the server
   * thread's own figure is not counted (it would include the workers' compute).
   */
  readonly exchangeMs: number;
}

/**
 * A pool of worker threads that run ring AllReduce and data-parallel training.
 *
 * @example
 * const pool = await AllReducePool.start(4);
 * try {
 *   const { vectors } = await pool.allReduce([a, b, c, d]); // each = a + b + c + d
 * } finally {
 *   await pool.close();
 * }
 */
export class AllReducePool {
  private readonly workers: Worker[] = [];
  private readonly exits: Promise<void>[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly rings = new Map<number, number>();
  private readonly servers = new Map<number, number>();
  /** The data set and k whose shards the threads hold (cached on the object's identity and k). */
  private shardsFor: { data: LogisticDataset; k: number } | undefined;
  /** The tail of the chain of operations: each one starts when the previous one has settled. */
  private tail: Promise<unknown> = Promise.resolve();
  private nextOp = 0;
  private closed = false;
  private failure: Error | undefined;

  private constructor(readonly size: number) {}

  /** Starts `size` threads (1 … 16) and resolves when all say `Ready`. */
  static async start(size: number, startTimeoutMs = 30_000): Promise<AllReducePool> {
    if (!Number.isInteger(size) || size < 1 || size > 16) throw new RangeError(`el número de hilos debe ser un entero entre 1 y 16 (recibí ${size})`);
    const pool = new AllReducePool(size);
    const code = `require(${JSON.stringify(tsxHookPath())}); require(${JSON.stringify(workerMainPath())});`;
    const ready: Promise<void>[] = [];
    for (let rank = 0; rank < size; rank++) {
      const worker = new Worker(code, { eval: true, stdout: false, stderr: false, resourceLimits: { maxOldGenerationSizeMb: 256 } });
      pool.workers.push(worker);
      living.add(worker);
      let lastError: Error | undefined;
      worker.on('error', (error) => (lastError = error));
      ready.push(new Promise<void>((resolve) => worker.once('message', () => resolve())));
      worker.on('message', (message: FromWorker) => pool.onMessage(rank, message));
      pool.exits.push(new Promise<void>((resolve) => worker.once('exit', () => {
        living.delete(worker);
        pool.onExit(rank, lastError);
        resolve();
      })));
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`los hilos no arrancaron en ${startTimeoutMs} ms`)), startTimeoutMs);
    });
    try {
      await Promise.race([Promise.all(ready), timeout, pool.whenFailed()]);
    } catch (error) {
      await pool.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return pool;
  }

  private failedWaiters: Array<(e: Error) => void> = [];
  private whenFailed(): Promise<never> {
    return new Promise<never>((_, reject) => this.failedWaiters.push(reject));
  }

  private onMessage(rank: number, message: FromWorker): void {
    if (message.type === 'Ready') return;
    const opId = message.type === 'Ack' ? message.of : message.opId;
    const op = this.pending.get(opId);
    if (op === undefined) return;
    op.replies.set(rank, message);
    if (op.replies.size === op.expected) {
      this.pending.delete(opId);
      op.resolve(op.replies);
    }
  }

  private onExit(rank: number, error: Error | undefined): void {
    if (this.closed) return;
    const why = error ? `: ${error.message}` : '';
    this.fail(new Error(`el hilo ${rank} terminó a mitad de la operación${why}; se terminan todos los hilos del grupo`));
  }

  private fail(error: Error): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    for (const op of this.pending.values()) op.reject(error);
    this.pending.clear();
    for (const waiter of this.failedWaiters) waiter(error);
    void this.close();
  }

  /** Sends one message to each of `ranks` and waits for all their replies to `opId`. */
  private request(opId: string, messages: ReadonlyMap<number, { message: ToWorker; transfer?: readonly (ArrayBuffer | MessagePort)[] }>, timeoutMs: number): Promise<Map<number, FromWorker>> {
    if (this.failure !== undefined) return Promise.reject(new Error(`el grupo de hilos ya falló (${this.failure.message})`));
    if (this.closed) return Promise.reject(new Error('el grupo de hilos ya está cerrado'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error(`la operación ${opId} no terminó en ${timeoutMs} ms (¿un hilo colgado?); se terminan todos los hilos del grupo`)), timeoutMs);
      this.pending.set(opId, {
        expected: messages.size,
        replies: new Map(),
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      for (const [rank, { message, transfer }] of messages) (this.workers[rank] as Worker).postMessage(message, transfer as never);
    });
  }

  /** Runs `operation` after every operation started before it has settled (one at a time). */
  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.tail.then(operation, operation);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private checkWorkers(k: number, extra = 0): void {
    if (!Number.isInteger(k) || k < 1 || k + extra > this.size) throw new RangeError(`hacen falta entre 1 y ${this.size - extra} nodos (recibí ${k})`);
  }

  /** Builds (once per k) the ring of threads 0 … k − 1: one MessageChannel per edge r → r + 1. */
  private async ring(k: number): Promise<number> {
    const known = this.rings.get(k);
    if (known !== undefined) return known;
    const ringId = k;
    const channels = k === 1 ? [] : Array.from({ length: k }, () => new MessageChannel());
    const messages = new Map<number, { message: ToWorker; transfer?: MessagePort[] }>();
    for (let rank = 0; rank < k; rank++) {
      const next = channels[rank]?.port1; // edge rank → rank + 1
      const prev = channels[(rank - 1 + k) % k]?.port2; // edge rank − 1 → rank
      const message: ToWorker = { type: 'Ring', ringId, rank, n: k, ...(next ? { next } : {}), ...(prev ? { prev } : {}) };
      messages.set(rank, { message, transfer: next && prev ? [next, prev] : [] });
    }
    await this.request(`ring-${ringId}`, messages, 10_000);
    this.rings.set(k, ringId);
    return ringId;
  }

  /**
   * Ring AllReduce of one vector per thread (k = vectors.length ≤ size, equal lengths): resolves
   * with each thread's result (the sum, in ring order per chunk). A planted fault makes one thread
   * die or hang at a step; the operation then rejects and the pool closes.
   */
  async allReduce(vectors: readonly Float64Array[], options: OperationOptions & { fault?: PlantedFault } = {}): Promise<AllReduceRun> {
    if (!Array.isArray(vectors) || !vectors.every((v) => v instanceof Float64Array)) throw new TypeError('vectors debe ser una lista de Float64Array, una por nodo');
    this.checkWorkers(vectors.length);
    const length = (vectors[0] as Float64Array).length;
    if (vectors.some((v) => v.length !== length)) throw new RangeError('todos los vectores deben tener la misma longitud');
    if (options.fault !== undefined) checkFault(options.fault, vectors.length);
    const timeoutMs = options.timeoutMs ?? 10_000;
    return this.serial(async () => {
      const ringId = await this.ring(vectors.length);
      const opId = `op${this.nextOp++}`;
      // First every thread receives (a copy of) its vector; then all are told to start, so the
      // ring time each thread measures does not include waiting for the main thread's copies.
      const staged = new Map<number, { message: ToWorker }>();
      vectors.forEach((vector, rank) => staged.set(rank, { message: { type: 'AllReduce', opId, ringId, vector, ...(options.fault ? { fault: options.fault } : {}) } }));
      const go = new Map<number, { message: ToWorker }>(vectors.map((_, rank) => [rank, { message: { type: 'Go', opId } }]));
      const t0 = performance.now();
      await this.request(`staged-${opId}`, staged, timeoutMs);
      const replies = await this.request(opId, go, timeoutMs);
      const ms = performance.now() - t0;
      const reduced = vectors.map((_, rank) => replies.get(rank) as Extract<FromWorker, { type: 'Reduced' }>);
      const ringMsByRank = reduced.map((r) => r.ringMs);
      return { vectors: reduced.map((r) => r.vector), ringMs: Math.max(...ringMsByRank), ringMsByRank, ms };
    });
  }

  /**
   * The reference for the bench: one `postMessage` of `vector` (structured-clone copy) from the
   * main thread to thread 0, until its acknowledgement; resolves with the wall ms.
   */
  async postOnce(vector: Float64Array, options: OperationOptions = {}): Promise<number> {
    if (!(vector instanceof Float64Array)) throw new TypeError('vector debe ser un Float64Array');
    return this.serial(async () => {
      const opId = `sink${this.nextOp++}`;
      const t0 = performance.now();
      await this.request(opId, new Map([[0, { message: { type: 'Sink', opId, vector } }]]), options.timeoutMs ?? 10_000);
      return performance.now() - t0;
    });
  }

  /**
   * Gives threads 0 … k − 1 their contiguous shard of rows, unless they already hold the shards of
   * this same data set object for this k (a different object, or a different k, reloads).
   */
  private async loadShards(data: LogisticDataset, k: number): Promise<void> {
    if (this.shardsFor !== undefined && this.shardsFor.data === data && this.shardsFor.k === k) return;
    this.shardsFor = undefined;
    const shardId = this.nextOp++;
    const messages = new Map<number, { message: ToWorker }>();
    shardRows(data.rows, k).forEach(([from, to], rank) => {
      const shard = { rows: to - from, features: data.features, x: data.x.slice(from * data.features, to * data.features), y: data.y.slice(from, to) };
      messages.set(rank, { message: { type: 'LoadShard', shardId, shard } });
    });
    await this.request(`shard-${shardId}`, messages, 10_000);
    this.shardsFor = { data, k };
  }

  /** Ranks 0 … ranks − 1 must hold identical weights; the exchange time is the max over the first `workers`. */
  private trainingResult(replies: Map<number, FromWorker>, ranks: number, ms: number, workers = ranks): ThreadTraining {
    const trained = Array.from({ length: ranks }, (_, i) => replies.get(i) as Extract<FromWorker, { type: 'Trained' }>);
    const first = (trained[0] as Extract<FromWorker, { type: 'Trained' }>).weights;
    const identical = trained.every((t) => t.weights.length === first.length && t.weights.every((w, j) => Object.is(w, first[j])));
    return { weights: first, identical, ms, exchangeMs: Math.max(...trained.slice(0, workers).map((t) => t.exchangeMs)) };
  }

  /** Data-parallel training on k threads, gradients summed by ring AllReduce every iteration. */
  async trainRing(data: LogisticDataset, k: number, options: TrainOptions & OperationOptions = {}): Promise<ThreadTraining> {
    const { iterations, learningRate } = trainSettings(options);
    this.checkWorkers(k);
    checkDataset(data);
    return this.serial(async () => {
      await this.loadShards(data, k);
      const ringId = await this.ring(k);
      const opId = `train${this.nextOp++}`;
      const messages = new Map<number, { message: ToWorker }>();
      for (let rank = 0; rank < k; rank++) messages.set(rank, { message: { type: 'TrainRing', opId, ringId, iterations, learningRate, totalRows: data.rows } });
      const t0 = performance.now();
      const replies = await this.request(opId, messages, options.timeoutMs ?? 20_000);
      return this.trainingResult(replies, k, performance.now() - t0);
    });
  }

  /** Connects threads 0 … k − 1 to the parameter server, thread k (once per k). */
  private async server(k: number): Promise<number> {
    const known = this.servers.get(k);
    if (known !== undefined) return known;
    const channels = Array.from({ length: k }, () => new MessageChannel());
    const messages = new Map<number, { message: ToWorker; transfer?: MessagePort[] }>();
    channels.forEach((c, rank) => messages.set(rank, { message: { type: 'WorkerPort', psId: k, port: c.port1 }, transfer: [c.port1] }));
    await this.request(`worker-${k}`, messages, 10_000);
    const ports: MessagePort[] = channels.map((c) => c.port2);
    await this.request(`server-${k}`, new Map([[k, { message: { type: 'ServerPorts', psId: k, ports }, transfer: ports }]]), 10_000);
    this.servers.set(k, k);
    return k;
  }

  /**
   * Data-parallel training on k threads with a parameter server (thread k, so size ≥ k + 1):
   * each worker sends its gradient, the server adds them in rank order, updates, sends weights back.
   */
  async trainParameterServer(data: LogisticDataset, k: number, options: TrainOptions & OperationOptions = {}): Promise<ThreadTraining> {
    const { iterations, learningRate } = trainSettings(options);
    this.checkWorkers(k, 1);
    checkDataset(data);
    return this.serial(async () => {
      await this.loadShards(data, k);
      const psId = await this.server(k);
      const opId = `ps${this.nextOp++}`;
      const messages = new Map<number, { message: ToWorker }>();
      for (let rank = 0; rank < k; rank++) messages.set(rank, { message: { type: 'TrainWorker', opId, psId, iterations } });
      messages.set(k, { message: { type: 'TrainServer', opId, psId, iterations, learningRate, totalRows: data.rows, features: data.features } });
      const t0 = performance.now();
      const replies = await this.request(opId, messages, options.timeoutMs ?? 20_000);
      // Ranks 0 … k (the server too) must hold the same weights; the exchange time is the workers'.
      return this.trainingResult(replies, k + 1, performance.now() - t0, k);
    });
  }

  /** Terminates thread `rank` (0 … size − 1) now, a crash from outside; pending operations then fail. */
  kill(rank: number): void {
    if (!Number.isInteger(rank) || rank < 0 || rank >= this.size) throw new RangeError(`el hilo a terminar debe ser un entero entre 0 y ${this.size - 1} (recibí ${rank})`);
    void this.workers[rank]?.terminate();
  }

  /**
   * Rejects every pending operation (Spanish error), terminates every thread and resolves when all
   * have exited. Safe to call twice.
   */
  async close(): Promise<void> {
    this.closed = true;
    const closing = new Error('el grupo de hilos se cerró con la operación sin terminar');
    for (const [opId, op] of this.pending) op.reject(new Error(`${closing.message} (${opId})`));
    this.pending.clear();
    for (const worker of this.workers) void worker.terminate();
    await Promise.all(this.exits);
  }
}

/** A planted fault must name a thread of the ring and one of its 2(k − 1) global steps. */
function checkFault(fault: PlantedFault, k: number): void {
  if (fault === null || typeof fault !== 'object') throw new TypeError('fault debe ser un objeto { rank, atStep, kind }');
  if (!Number.isInteger(fault.rank) || fault.rank < 0 || fault.rank >= k) throw new RangeError(`fault.rank debe ser un entero entre 0 y ${k - 1} (recibí ${fault.rank})`);
  if (k === 1) throw new RangeError('con un solo nodo no hay pasos en los que plantar un fallo');
  if (!Number.isInteger(fault.atStep) || fault.atStep < 0 || fault.atStep > 2 * (k - 1) - 1) throw new RangeError(`fault.atStep debe ser un entero entre 0 y ${2 * (k - 1) - 1} (recibí ${fault.atStep})`);
  if (fault.kind !== 'exit' && fault.kind !== 'hang') throw new RangeError(`fault.kind debe ser 'exit' o 'hang' (recibí ${String(fault.kind)})`);
}

/** The data set must be a {@link LogisticDataset} whose arrays match its rows and features. */
function checkDataset(data: LogisticDataset): void {
  if (data === null || typeof data !== 'object' || !(data.x instanceof Float64Array) || !(data.y instanceof Float64Array)) throw new TypeError('data debe ser un LogisticDataset (x e y Float64Array)');
  if (!Number.isInteger(data.rows) || data.rows < 1 || !Number.isInteger(data.features) || data.features < 1 || data.x.length !== data.rows * data.features || data.y.length !== data.rows) {
    throw new RangeError(`data no es coherente: ${data.rows} filas × ${data.features} variables con x de ${data.x.length} valores e y de ${data.y.length}`);
  }
}
