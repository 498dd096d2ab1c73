// @real-io: fake misbehaving workers (HTTP servers on 127.0.0.1) for the bad-input experiments.
/**
 * Workers that misbehave on purpose, to show that the coordinator reports them and carries
 * on: one answers every request with a body that is not JSON-RPC (`garbage`), the other a
 * well-formed JSON-RPC error object (`error`).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK } from '../net/loopback';
import type { WorkerEndpoint } from './pool';

/** A fake worker: its endpoint and how to stop it. */
export interface FakeWorker extends WorkerEndpoint {
  close(): Promise<void>;
}

/**
 * Starts a fake worker on 127.0.0.1 that answers HTTP 200 with garbage (`'garbage'`) or
 * with `{"jsonrpc":"2.0","error":{"code":-32001,"message":"disco lleno"},…}` (`'error'`).
 *
 * @example
 * const bad = await startFakeWorker('garbage', 'basura');
 * try { await runMapReduce({ ...options, workers: [bad, ...pool.workers] }); } finally { await bad.close(); }
 */
export async function startFakeWorker(kind: 'garbage' | 'error', id: string): Promise<FakeWorker> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let requestId: unknown = null;
      try {
        requestId = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id?: unknown }).id ?? null;
      } catch {
        // Not JSON: answer with id null, as the spec says.
      }
      const body = kind === 'garbage'
        ? '¡hola! esto no es JSON-RPC'
        : JSON.stringify({ jsonrpc: '2.0', id: requestId, error: { code: -32001, message: 'disco lleno' } });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }).end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  return {
    id,
    url: `http://${LOOPBACK}:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
