// @real-io: real HTTP requests timed with the wall clock.
/**
 * Raw HTTP helpers for experiments: send exact bytes and see the exact answer, and time
 * real calls. Real-I/O runtime (uses the clock).
 */
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { JsonRpcHttpClient } from './http-client';
import type { JsonRpcParams } from './messages';

/** An HTTP answer as received. */
export interface RawAnswer {
  status: number;
  contentType: string | undefined;
  body: string;
}

/**
 * POSTs `body` exactly as given (one connection, then closed) and returns status and body.
 *
 * @example
 * await postRaw(server.url, '{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]');
 * // { status: 200, body: '{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}' }
 */
export function postRaw(url: string, body: string, options: { contentType?: string; method?: string } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { Connection: 'close', 'Content-Length': Buffer.byteLength(body) };
    const contentType = options.contentType ?? 'application/json';
    if (contentType !== '') headers['Content-Type'] = contentType;
    const req = http.request(url, { method: options.method ?? 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Times real calls: `concurrency` callers take calls from the list until it is empty.
 * Returns each call's latency in ms (in call order) and the wall time of the whole run.
 */
export async function measureLatencies(
  client: JsonRpcHttpClient,
  calls: readonly { method: string; params?: JsonRpcParams }[],
  concurrency = 1,
): Promise<{ latenciesMs: number[]; totalMs: number }> {
  const latenciesMs: number[] = new Array(calls.length).fill(0);
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < calls.length) {
      const index = next++;
      const call = calls[index]!;
      const t0 = performance.now();
      await client.call(call.method, call.params);
      latenciesMs[index] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return { latenciesMs, totalMs: performance.now() - started };
}
