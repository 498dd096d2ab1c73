// @real-io: the coordinator calls workers over HTTP, times tasks and manages the job's files.
/**
 * The MapReduce coordinator (Dean & Ghemawat 2004; MIT 6.5840 lab 1): it splits the input
 * into M map tasks, hands each idle task to an idle worker over JSON-RPC, tracks every
 * attempt, and re-executes a task whose worker died, hung past the timeout or answered
 * nonsense; reduce tasks start when every map task is done (the barrier). Workers exchange
 * data only through files renamed into place, so a re-executed task is harmless.
 */
import { mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JsonRpcHttpClient, RpcError, RpcTransportError } from '../rpc/index';
import type { MalformedLine } from './comments';
import type { JobName } from './jobs';
import type { WorkerEndpoint } from './pool';
import { spanishTransportDetail } from './errors';
import { splitEvenly } from './split';
import { workDirProblem } from './workdir';
import { outputName } from './tasks';
import type { MapTaskResult, ReduceTaskResult } from './tasks';

/** How one attempt of a task ended. */
export type AttemptOutcome = 'ok' | 'crashed' | 'timeout' | 'unreachable' | 'garbage' | 'error';

/** One attempt of one task on one worker, with coordinator times in ms since the job started. */
export interface TaskAttempt {
  readonly task: string;
  readonly kind: 'map' | 'reduce';
  readonly index: number;
  readonly worker: string;
  readonly attempt: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly outcome: AttemptOutcome;
  /** The worker's own time on the task, for `ok` attempts. */
  readonly workMs?: number;
}

/** Options of {@link runMapReduce}. */
export interface MapReduceOptions {
  job: JobName;
  /** The input, one JSON comment per line. */
  lines: readonly string[];
  workers: readonly WorkerEndpoint[];
  /**
   * Work folder (created empty, removed at the end unless `keepFiles`), an absolute path inside
   * the kit's `build/` (anything else is refused); default `build/mapreduce/<pid>-<n>` in the
   * kit's checkout, wherever the caller runs from.
   */
  dir?: string;
  /** Map tasks (default 2 per worker) and reduce tasks (default one per worker). */
  nMap?: number;
  nReduce?: number;
  /**
   * An attempt with no answer after this long is given up and re-executed elsewhere (default
   * 5000 ms); a function gives each attempt its own timeout (e.g. a short one for the task an
   * experiment hangs, a long one for the rest, so a slow machine does not add timeouts).
   */
  taskTimeoutMs?: number | ((task: string, attempt: number) => number);
  /** Attempts per task before the job fails (default 4). */
  maxAttempts?: number;
  /** Experiments: how long a task's attempt should pause mid-write (e.g. to be killed then). */
  delayMs?: (task: string, attempt: number) => number;
  /** Called as each attempt is sent. */
  onAttemptStart?: (attempt: { task: string; worker: string; attempt: number }) => void;
  /**
   * How to cut the input into map tasks (default: the kit's `splitEvenly`); the number of
   * batches it returns is the number of map tasks. Lines in no batch are simply never mapped.
   */
  split?: (lines: readonly string[], parts: number) => readonly (readonly string[])[];
  keepFiles?: boolean;
}

/** A finished job: its result, every attempt, and what went wrong, in Spanish. */
export interface MapReduceRun {
  readonly job: JobName;
  readonly workers: readonly string[];
  readonly nMap: number;
  readonly nReduce: number;
  readonly lines: number;
  readonly records: number;
  readonly malformed: readonly MalformedLine[];
  readonly malformedCount: number;
  /** `[key, count]` sorted by key: must equal `runSequential(job, lines).result`. */
  readonly result: [string, number][];
  readonly attempts: readonly TaskAttempt[];
  /** One Spanish line per failed attempt or lost worker. */
  readonly reports: readonly string[];
  readonly lostWorkers: readonly string[];
  /** Temp files left by workers killed mid-write (never read: only renamed files are). */
  readonly leftoverTempFiles: number;
  readonly totalMs: number;
  readonly mapPhaseMs: number;
}

let jobCount = 0;

/** A fresh work folder under the kit's `build/mapreduce/` (lib may be loaded through a symlink). */
export function defaultWorkDir(): string {
  return join(realpathSync(__dirname), '..', '..', 'build', 'mapreduce', `${process.pid}-${++jobCount}`);
}

type Done = { worker: string; outcome: AttemptOutcome; value?: unknown; detail: string };

const WHY: Record<Exclude<AttemptOutcome, 'ok'>, string> = {
  crashed: 'se cortó la conexión (¿proceso muerto?)',
  timeout: 'no respondió a tiempo',
  unreachable: 'no se pudo conectar',
  garbage: 'respondió algo que no es una respuesta válida',
  error: 'respondió con un objeto de error',
};

function classify(error: unknown): { outcome: Exclude<AttemptOutcome, 'ok'>; detail: string } {
  if (error instanceof RpcTransportError) {
    const outcome = error.kind === 'timeout' ? 'timeout' : error.kind === 'reset' ? 'crashed' : error.kind === 'connect' ? 'unreachable' : 'garbage';
    return { outcome, detail: spanishTransportDetail(error.message) };
  }
  if (error instanceof RpcError) return { outcome: 'error', detail: `${error.code} ${error.message}${error.data === undefined ? '' : `: ${JSON.stringify(error.data)}`}` };
  return { outcome: 'error', detail: String((error as Error)?.message ?? error) };
}

function isCount(v: unknown): v is number {
  return Number.isInteger(v) && (v as number) >= 0;
}

function validResult(kind: 'map' | 'reduce', index: number, value: unknown): boolean {
  const r = value as { kind?: unknown; task?: unknown; keys?: unknown; workMs?: unknown; records?: unknown; malformedCount?: unknown; malformed?: unknown } | null;
  if (r === null || typeof r !== 'object' || r.kind !== kind || r.task !== index || !isCount(r.keys) || typeof r.workMs !== 'number') return false;
  return kind === 'reduce' || (isCount(r.records) && isCount(r.malformedCount) && Array.isArray(r.malformed));
}

/**
 * Runs one MapReduce job on `workers` and resolves with its result and trace. A worker that
 * fails an attempt (dead, hung, garbage, error object) is reported and left out; its task
 * goes to another worker. It rejects only when no worker is left or a task failed
 * `maxAttempts` times.
 *
 * @example
 * const pool = await startWorkerPool({ count: 2 });
 * const run = await runMapReduce({ job: 'sentiment', lines, workers: pool.workers });
 * await pool.stop();
 */
export async function runMapReduce(options: MapReduceOptions): Promise<MapReduceRun> {
  if (options.workers.length === 0) throw new RangeError('runMapReduce: hace falta al menos un trabajador');
  const splits = (options.split ?? splitEvenly)(options.lines, options.nMap ?? 2 * options.workers.length);
  const nMap = splits.length;
  if (nMap === 0) throw new RangeError('runMapReduce: el reparto no produjo ningún lote');
  const nReduce = options.nReduce ?? options.workers.length;
  const timeoutOf = (task: string, attempt: number): number => {
    const t = options.taskTimeoutMs ?? 5000;
    return typeof t === 'number' ? t : t(task, attempt);
  };
  const maxAttempts = options.maxAttempts ?? 4;
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const dir = options.dir ?? defaultWorkDir();
  // Checked before anything is created or removed there; the workers refuse other paths too.
  const dirProblem = workDirProblem(dir);
  if (dirProblem !== undefined) throw new RangeError(`runMapReduce: ${dirProblem}`);
  const firstLines: number[] = [];
  // One client per worker and timeout (a timeout is a client's setting); all closed at the end.
  const clients = new Map<string, JsonRpcHttpClient>();
  const clientFor = (worker: WorkerEndpoint, timeoutMs: number): JsonRpcHttpClient => {
    const key = `${worker.id} ${timeoutMs}`;
    let client = clients.get(key);
    if (client === undefined) {
      client = new JsonRpcHttpClient({ url: worker.url, timeoutMs, retries: 0, maxSockets: 1 });
      clients.set(key, client);
    }
    return client;
  };
  const live = new Set(options.workers.map((w) => w.id));
  const attempts: TaskAttempt[] = [];
  const reports: string[] = [];
  const mapResults: MapTaskResult[] = [];
  try {
    // Inside the try: a failed write (disk full, no permission) still removes the work folder.
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    let offset = 0;
    splits.forEach((split, m) => {
      firstLines.push(offset);
      offset += split.length;
      writeFileSync(join(dir, `input-${m}.jsonl`), split.length === 0 ? '' : `${split.join('\n')}\n`);
    });
    const runPhase = async (kind: 'map' | 'reduce', count: number): Promise<unknown[]> => {
      const results: unknown[] = new Array(count);
      const pending = Array.from({ length: count }, (_, i) => i); // idle tasks, in order
      const tries = new Array<number>(count).fill(0);
      const inFlight = new Map<string, Promise<Done>>();
      let done = 0;
      let fatal: string | undefined;
      while (done < count) {
        for (const worker of options.workers) {
          if (pending.length === 0) break;
          if (!live.has(worker.id) || inFlight.has(worker.id)) continue;
          const index = pending.shift()!;
          const task = `${kind} ${index}`;
          const attempt = ++tries[index]!;
          const startMs = now();
          const delayMs = options.delayMs?.(task, attempt) ?? 0;
          const params = kind === 'map'
            ? { job: options.job, task: index, inputPath: join(dir, `input-${index}.jsonl`), firstLine: firstLines[index]!, nReduce, dir, attempt, delayMs }
            : { job: options.job, task: index, nMap, dir, attempt, delayMs };
          options.onAttemptStart?.({ task, worker: worker.id, attempt });
          const call = clientFor(worker, timeoutOf(task, attempt)).call(kind, params).then(
            (value): Done => (validResult(kind, index, value) ? { worker: worker.id, outcome: 'ok', value, detail: '' } : { worker: worker.id, outcome: 'garbage', detail: `resultado con forma inesperada: ${JSON.stringify(value)?.slice(0, 120)}` }),
            (error: unknown): Done => ({ worker: worker.id, ...classify(error) }),
          );
          inFlight.set(worker.id, call.then((d) => {
            const endMs = now();
            const workMs = d.outcome === 'ok' ? (d.value as { workMs: number }).workMs : undefined;
            attempts.push({ task, kind, index, worker: worker.id, attempt, startMs, endMs, outcome: d.outcome, ...(workMs === undefined ? {} : { workMs }) });
            if (d.outcome === 'ok') {
              results[index] = d.value;
              done += 1;
            } else {
              live.delete(worker.id);
              reports.push(`${task} (intento ${attempt}) en ${worker.id}: ${WHY[d.outcome]} tras ${Math.round(endMs - startMs)} ms (${d.detail}); se deja fuera a ${worker.id} y la tarea vuelve a la cola`);
              if (attempt >= maxAttempts) fatal ??= `MapReduce: la tarea ${task} falló ${attempt} veces; se abandona el trabajo`;
              pending.unshift(index);
            }
            return d;
          }));
        }
        if (inFlight.size === 0) {
          throw new Error(`MapReduce: no queda ningún trabajador que responda; faltan ${count - done} tareas ${kind}`);
        }
        const finished = await Promise.race(inFlight.values());
        inFlight.delete(finished.worker);
        if (fatal !== undefined) throw new Error(fatal);
      }
      return results;
    };
    for (const r of await runPhase('map', nMap)) mapResults.push(r as MapTaskResult);
    const mapPhaseMs = now();
    await runPhase('reduce', nReduce);
    const result: [string, number][] = [];
    for (let r = 0; r < nReduce; r++) result.push(...(JSON.parse(readFileSync(join(dir, outputName(r)), 'utf8')) as [string, number][]));
    result.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const leftoverTempFiles = readdirSync(dir).filter((name) => name.includes('.tmp-')).length;
    const malformed = mapResults.flatMap((m) => m.malformed).sort((a, b) => a.line - b.line).slice(0, 20);
    return {
      job: options.job, workers: options.workers.map((w) => w.id), nMap, nReduce, lines: options.lines.length,
      records: mapResults.reduce((n, m) => n + m.records, 0), malformed, malformedCount: mapResults.reduce((n, m) => n + m.malformedCount, 0),
      result, attempts, reports, lostWorkers: options.workers.map((w) => w.id).filter((id) => !live.has(id)),
      leftoverTempFiles, totalMs: now(), mapPhaseMs,
    };
  } finally {
    for (const client of clients.values()) client.close();
    if (!options.keepFiles) rmSync(dir, { recursive: true, force: true });
  }
}
