// @real-io: the lecture's Pool(5).map on worker threads, with wall-clock times.
/**
 * The lecture's Python starting point, `with Pool(5) as pool: pool.map(render_frame, frames)`,
 * in TypeScript: `poolMap({ workers: 5, module, fn, items })` starts the threads, hands each
 * idle thread the next item, returns the results in the items' order (as `Pool.map` does,
 * whatever order they finish in) and terminates every thread, also on failure. A function
 * cannot be sent to a thread, so the threads load it by module path and export name.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { parseWorkerMessage } from './messages';
import { ThreadPool } from './threads';
import type { WorkerThread } from './threads';

/** Options of {@link poolMap}. */
export interface PoolMapOptions<T> {
  /** Threads in the pool (1 to 32), the `5` of `Pool(5)`. */
  readonly workers: number;
  /** Module exporting the function (absolute, or relative to the current folder). */
  readonly module: string;
  /** Name of the exported function, called with one item (plain data) at a time. */
  readonly fn: string;
  readonly items: readonly T[];
  /** Limit for the whole map, threads' start included (default 60 s). */
  readonly timeoutMs?: number;
}

/** What {@link poolMap} returns: the results in order, and where each item ran. */
export interface PoolMapResult<R> {
  readonly results: R[];
  /** The thread that ran each item (`t1`, `t2`, …). */
  readonly ranOn: string[];
  /** Wall time of the map itself, threads' start excluded. */
  readonly mapMs: number;
  readonly startMs: number;
}

/** The lecture's `render_frame`: «simula procesamiento de un fragmento de video» (no work at all). */
export const LECTURE_MODULE = join(__dirname, 'lecture');

/**
 * `Pool(workers).map(fn, items)` on real worker threads; results in the items' order.
 *
 * @example
 * const { results } = await poolMap({ workers: 5, module: LECTURE_MODULE, fn: 'renderFrame', items: [1, 2, 3] });
 * // ['Frame 1 processed', 'Frame 2 processed', 'Frame 3 processed']
 */
export async function poolMap<T, R = unknown>(options: PoolMapOptions<T>): Promise<PoolMapResult<R>> {
  if (!Number.isInteger(options.workers) || options.workers < 1 || options.workers > 32) throw new RangeError(`poolMap: workers debe ser un entero entre 1 y 32, es ${String(options.workers)}`);
  if (!Array.isArray(options.items)) throw new TypeError('poolMap: items debe ser una lista');
  if (typeof options.fn !== 'string' || options.fn === '') throw new TypeError('poolMap: fn debe ser el nombre de una función exportada');
  if (typeof options.module !== 'string' || options.module === '') throw new TypeError('poolMap: module debe ser la ruta de un módulo');
  const module = isAbsolute(options.module) ? options.module : resolve(process.cwd(), options.module);
  const limitMs = options.timeoutMs ?? 60_000;
  const results: R[] = new Array<R>(options.items.length);
  const ranOn: string[] = new Array<string>(options.items.length);
  const t0 = performance.now();
  let mapStart = t0;
  let next = 0;
  let done = 0;
  let finish: (error?: Error) => void = () => undefined;
  const hand = (thread: WorkerThread) => {
    if (next >= options.items.length) return;
    const index = next++;
    ranOn[index] = thread.id;
    thread.worker.postMessage({ type: 'Call', module, fn: options.fn, index, arg: options.items[index] });
  };
  const pool = new ThreadPool({
    onMessage: (thread, raw) => {
      const message = parseWorkerMessage(raw);
      if (message.type === 'Invalid') return finish(new Error(`poolMap: ${message.error}`));
      if (message.type === 'CallFailed') return finish(new Error(`poolMap: ${options.fn}(elemento ${message.index}) falló en ${thread.id}: ${message.message}`));
      if (message.type !== 'Called') return;
      results[message.index] = message.result as R;
      done += 1;
      if (done === options.items.length) return finish();
      hand(thread);
    },
    onExit: (thread, error) => finish(new Error(`poolMap: el hilo ${thread.id} murió${error ? `: ${error.message}` : ''}`)),
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await new Promise<void>((resolvePromise, reject) => {
      let settled = false;
      finish = (error) => {
        if (settled) return;
        settled = true;
        if (error) reject(error);
        else resolvePromise();
      };
      timer = setTimeout(() => finish(new Error(`poolMap: no terminó en ${limitMs} ms`)), limitMs);
      Promise.all(Array.from({ length: options.workers }, () => pool.spawn())).then((threads) => {
        mapStart = performance.now();
        if (options.items.length === 0) return finish();
        for (const thread of threads) hand(thread);
      }, (error: Error) => finish(error));
    });
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    await pool.close();
  }
  return { results, ranOn, mapMs: performance.now() - mapStart, startMs: mapStart - t0 };
}
