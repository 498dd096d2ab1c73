// Shared pieces of the MapReduce engine tests: random datasets, in-process workers, fake bad workers, and leak checks.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { commentsToLines, createWorkerDispatcher, generateComments } from '../../lib/mapreduce/index';
import type { JobName, WorkerEndpoint } from '../../lib/mapreduce/index';
import { createRng } from '../../lib/random/index';
import { createDispatcher, defineMethod, RpcError, startHttpServer } from '../../lib/rpc/index';
import type { RpcHttpServer } from '../../lib/rpc/index';

/** A work folder under build/ unique to this test process and label. */
export function workDir(label: string): string {
  return join(__dirname, '..', '..', 'build', 'test-mapreduce', `${process.pid}-${label}`);
}

/** A random dataset for `seed`: 0–1500 comments, some malformed lines, a job and task counts. */
export function randomCase(seed: number): { lines: string[]; job: JobName; nMap: number; nReduce: number } {
  const rng = createRng(`mapreduce-${seed}`);
  const lines = commentsToLines(generateComments({ seed, count: rng.int(0, 1500) }));
  const bad = ['{roto', 'null', '[1,2]', '{"id":1}', '{"text": 42}', ''];
  for (let i = rng.int(0, 3); i > 0; i--) lines.splice(rng.int(0, lines.length), 0, rng.choice(bad));
  return { lines, job: rng.bernoulli(0.5) ? 'sentiment' : 'wordcount', nMap: rng.int(1, 7), nReduce: rng.int(1, 4) };
}

/** Servers started by a test, closed by `closeAll`. */
export class Servers {
  private readonly open: { close(): Promise<void> }[] = [];

  /** A real worker's dispatcher served inside this process. */
  async worker(id: string): Promise<WorkerEndpoint & { server: RpcHttpServer }> {
    const server = await startHttpServer({ dispatcher: createWorkerDispatcher(id) });
    this.open.push(server);
    return { id, url: server.url, server };
  }

  /** A worker that answers every request with HTTP 200 and a body that is not JSON-RPC. */
  async garbage(id: string, body = 'hola, soy un trabajador roto'): Promise<WorkerEndpoint> {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.open.push({ close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }) });
    return { id, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
  }

  /** A worker whose map and reduce answer a JSON-RPC error object. */
  async erring(id: string): Promise<WorkerEndpoint> {
    const fail = defineMethod({ params: [], handler: () => { throw new RpcError(-32001, 'disco lleno'); } });
    const server = await startHttpServer({ dispatcher: createDispatcher(new Map([['map', { handler: fail.handler }], ['reduce', { handler: fail.handler }]])) });
    this.open.push(server);
    return { id, url: server.url };
  }

  /** A URL where nothing listens (a port that was open a moment ago). */
  async dead(id: string): Promise<WorkerEndpoint> {
    const server = await startHttpServer({ dispatcher: createDispatcher(new Map()) });
    const url = server.url;
    await server.close();
    return { id, url };
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.open.splice(0).map((s) => s.close()));
  }
}

/** TCP handles of this process (sockets and servers), to compare before and after. */
export function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPServerWrap').length;
}

/** Whether a pid is still a process (`kill -0`). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
