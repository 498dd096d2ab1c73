import * as http from 'node:http';
import * as net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDispatcher, createLectureDispatcher, JsonRpcHttpClient, lectureMethods, RpcError, RpcTransportError, startHttpServer,
} from '../../lib/rpc/index';
import type { MethodDefinition, RpcHttpServer } from '../../lib/rpc/index';

/** A raw HTTP exchange, so status codes and headers can be checked exactly. */
function post(url: string, body: string, headers: http.OutgoingHttpHeaders = { 'Content-Type': 'application/json' }, method = 'POST') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(url, { method, headers: { Connection: 'close', ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('JSON-RPC over HTTP', () => {
  let server: RpcHttpServer;
  let executions = 0;
  const methods = new Map<string, MethodDefinition>([
    ...lectureMethods,
    ['count', { handler: () => ++executions }],
    ['slow', { handler: () => new Promise((resolve) => setTimeout(() => resolve('tarde'), 300)), idempotent: true }],
    ['big', { handler: () => 10n }],
  ]);

  beforeAll(async () => {
    server = await startHttpServer({ dispatcher: createDispatcher(methods), maxBodyBytes: 1024 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('listens on 127.0.0.1 only, on the port the system chose', () => {
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(server.port).toBeGreaterThan(0);
  });

  it('answers the lecture example with the spec field order', async () => {
    const response = await post(server.url, '{"jsonrpc":"2.0","method":"add","params":{"a":10,"b":20},"id":1}');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.body).toBe('{"jsonrpc":"2.0","result":30,"id":1}');
  });

  it('answers 204 with no body to notifications only', async () => {
    const response = await post(server.url, '[{"jsonrpc":"2.0","method":"add","params":[1,2]}]');
    expect(response.status).toBe(204);
    expect(response.body).toBe('');
  });

  it('refuses methods other than POST with 405 and Allow: POST', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await post(server.url, '', {}, method);
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('POST');
    }
  });

  it('refuses a body that is not JSON by content type with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const response = await post(server.url, '{"jsonrpc":"2.0","method":"add","params":[1,2],"id":1}', type ? { 'Content-Type': type } : {});
      expect(response.status).toBe(415);
    }
    const ok = await post(server.url, '{"jsonrpc":"2.0","method":"add","params":[1,2],"id":1}', { 'Content-Type': 'application/json; charset=utf-8' });
    expect(ok.status).toBe(200);
  });

  it('refuses bodies over the limit with 413, declared or chunked', async () => {
    const big = JSON.stringify({ jsonrpc: '2.0', method: 'add', params: ['x'.repeat(2000)], id: 1 });
    expect((await post(server.url, big)).status).toBe(413);
    expect((await post(server.url, big, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' })).status).toBe(413);
  });

  it('a result JSON cannot encode is an Internal error, not a crash', async () => {
    const response = await post(server.url, '{"jsonrpc":"2.0","method":"big","id":3}');
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: -32603 }, id: 3 });
  });

  it('the client calls, batches and reports errors as RpcError', async () => {
    const client = new JsonRpcHttpClient({ url: server.url });
    try {
      expect(await client.call('sumar', { a: 5, b: 3 })).toBe(8);
      expect(await client.call('multiply', [5, 4])).toBe(20);
      await expect(client.call('dividir', [1, 0])).rejects.toMatchObject({ code: -32601 });
      await expect(client.call('add', ['1', 2])).rejects.toBeInstanceOf(RpcError);
      await client.notify('add', [1, 1]);
      const answers = await client.batch([
        { method: 'add', params: [1, 2] },
        { method: 'add', params: [3, 4], notification: true },
        { method: 'nope' },
        { method: 'multiply', params: { a: 6, b: 7 } },
      ]);
      expect(answers.map((a) => (a && 'result' in a ? a.result : a?.error.code))).toEqual([3, undefined, -32601, 42]);
    } finally {
      client.close();
    }
  });

  it('the client gives up after its timeout and retries an idempotent call', async () => {
    const client = new JsonRpcHttpClient({ url: server.url, timeoutMs: 50, retries: 2, retryDelayMs: 1, idempotentMethods: ['slow'] });
    try {
      await expect(client.call('slow')).rejects.toMatchObject({ kind: 'timeout' });
      expect(client.attempts).toBe(3);
    } finally {
      client.close();
    }
  });

  it('the client never retries a call that is not idempotent once it may have been delivered', async () => {
    const client = new JsonRpcHttpClient({ url: server.url, timeoutMs: 50, retries: 3, retryDelayMs: 1 });
    try {
      await expect(client.call('slow')).rejects.toBeInstanceOf(RpcTransportError);
      expect(client.attempts).toBe(1);
    } finally {
      client.close();
    }
  });

  it('the client retries a call that never left (connection refused), then reports it', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const client = new JsonRpcHttpClient({ url: `http://127.0.0.1:${port}/`, retries: 2, retryDelayMs: 1 });
    try {
      await expect(client.call('count')).rejects.toMatchObject({ kind: 'connect' });
      expect(client.attempts).toBe(3);
    } finally {
      client.close();
    }
  });

  it('closes cleanly: no connection left after close', async () => {
    const other = await startHttpServer({ dispatcher: createLectureDispatcher() });
    const client = new JsonRpcHttpClient({ url: other.url });
    await client.call('add', [1, 2]);
    await other.close();
    expect(other.server.listening).toBe(false);
    const open = await new Promise<number>((resolve) => other.server.getConnections((_e, n) => resolve(n)));
    expect(open).toBe(0);
    client.close();
  });
});
