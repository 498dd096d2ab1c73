// @real-io: the entry script of a MapReduce worker process (started by `startWorkerPool`).
/**
 * Entry point of a worker process: it serves the worker's JSON-RPC methods over HTTP on
 * 127.0.0.1 (a port chosen by the OS), tells its parent the URL over the IPC channel, and
 * exits as soon as that channel closes, so no worker outlives the program that started it.
 */
import { startHttpServer } from '../rpc/index';
import { createWorkerDispatcher } from './worker-dispatcher';

async function main(): Promise<void> {
  if (process.send === undefined) {
    console.error('lib/mapreduce/worker-main: este script lo arranca startWorkerPool (necesita un canal IPC)');
    process.exit(2);
  }
  process.on('disconnect', () => process.exit(0));
  const id = process.argv[3] ?? 'w?';
  const server = await startHttpServer({ dispatcher: createWorkerDispatcher(id), maxBodyBytes: 1 << 20 });
  process.send({ type: 'ready', url: server.url, pid: process.pid });
}

main().catch((error: unknown) => {
  console.error(`trabajador MapReduce: ${(error as Error).message}`);
  process.exit(1);
});
