/**
 * A MapReduce worker's JSON-RPC methods: `map`, `reduce`, the lecture's `analyze` and `ping`, on chapter 01's
 * dispatcher. The worker process (`worker-main.ts`) serves it over HTTP; tests may also serve
 * it inside their own process.
 */
import { createDispatcher, defineMethod, ErrorCode, RpcError } from '../rpc/index';
import type { Dispatcher } from '../rpc/index';
import { JOB_NAMES } from './jobs';
import type { JobName } from './jobs';
import { runMapTask, runReduceTask } from './tasks';
import { sentimentOf } from './comments';
import { inputPathProblem, workDirProblem } from './workdir';

function jobOf(value: string): JobName {
  if (!(JOB_NAMES as readonly string[]).includes(value)) {
    throw new RpcError(ErrorCode.InvalidParams, 'Invalid params', `trabajo desconocido "${value}" (se esperaba ${JOB_NAMES.join(' o ')})`);
  }
  return value as JobName;
}

function count(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RpcError(ErrorCode.InvalidParams, 'Invalid params', `${name} debe ser un entero ≥ ${min}`);
  return value;
}

// A worker reads and writes only inside the job's work folder, under the kit's build/.
function workDir(dir: string): string {
  const problem = workDirProblem(dir);
  if (problem !== undefined) throw new RpcError(ErrorCode.InvalidParams, 'Invalid params', problem);
  return dir;
}

function inputPath(path: string, dir: string): string {
  const problem = inputPathProblem(path, dir);
  if (problem !== undefined) throw new RpcError(ErrorCode.InvalidParams, 'Invalid params', problem);
  return path;
}

/** The dispatcher of a worker (`map`, `reduce`, the lecture's `analyze`, `ping`), tagged with its id. */
export function createWorkerDispatcher(workerId: string): Dispatcher {
  const methods = new Map([
    ['ping', defineMethod({ params: [], handler: () => ({ worker: workerId, pid: process.pid }), idempotent: true })],
    [
      // The lecture's method: a batch of comment texts in, the partial count out.
      'analyze',
      defineMethod({
        params: [{ name: 'batch', type: 'array' }] as const,
        handler: ({ batch }) => {
          const counts = { positivo: 0, negativo: 0, neutro: 0 };
          batch.forEach((text, i) => {
            if (typeof text !== 'string') throw new RpcError(ErrorCode.InvalidParams, 'Invalid params', `batch[${i}] debe ser un texto`);
            counts[sentimentOf(text)] += 1;
          });
          return counts;
        },
        idempotent: true,
        description: 'El método de la clase: cuenta positivos, negativos y neutros de un lote de textos',
      }),
    ],
    [
      'map',
      defineMethod({
        params: [
          { name: 'job', type: 'string' }, { name: 'task', type: 'integer' }, { name: 'inputPath', type: 'string' },
          { name: 'firstLine', type: 'integer' }, { name: 'nReduce', type: 'integer' }, { name: 'dir', type: 'string' },
          { name: 'attempt', type: 'integer' }, { name: 'delayMs', type: 'integer', optional: true },
        ] as const,
        handler: (a) =>
          runMapTask({
            job: jobOf(a.job), task: count('task', a.task, 0), inputPath: inputPath(a.inputPath, workDir(a.dir)), firstLine: count('firstLine', a.firstLine, 0),
            nReduce: count('nReduce', a.nReduce, 1), dir: a.dir, attempt: a.attempt, delayMs: a.delayMs ?? 0,
          }),
        description: 'Ejecuta una tarea map y escribe sus ficheros intermedios (solo dentro de build/ del kit)',
      }),
    ],
    [
      'reduce',
      defineMethod({
        params: [
          { name: 'job', type: 'string' }, { name: 'task', type: 'integer' }, { name: 'nMap', type: 'integer' },
          { name: 'dir', type: 'string' }, { name: 'attempt', type: 'integer' }, { name: 'delayMs', type: 'integer', optional: true },
        ] as const,
        handler: (a) =>
          runReduceTask({ job: jobOf(a.job), task: count('task', a.task, 0), nMap: count('nMap', a.nMap, 1), dir: workDir(a.dir), attempt: a.attempt, delayMs: a.delayMs ?? 0 }),
        description: 'Ejecuta una tarea reduce y escribe su fichero de salida (solo dentro de build/ del kit)',
      }),
    ],
  ]);
  return createDispatcher(methods);
}
