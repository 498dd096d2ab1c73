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
  let slowExecutions = 0;
  const methods = new Map<string, MethodDefinition>([
    ...lectureMethods,
    ['count', { handler: () => ++executions }],
    // Not idempotent: every execution is an effect (think "send an email").
    ['slowCount', { handler: () => { slowExecutions++; return new Promise((resolve) => setTimeout(() => resolve('hecho'), 300)); } }],
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

  it('refuses a JSON content type in a charset other than UTF-8 with 415', async () => {
    const body = '{"jsonrpc":"2.0","method":"add","params":[1,2],"id":1}';
    for (const type of ['application/json; charset=iso-8859-1', 'application/json;charset=utf-16', 'application/json; charset="latin1"']) {
      const response = await post(server.url, body, { 'Content-Type': type });
      expect(response.status, type).toBe(415);
      expect(response.body).toContain('UTF-8');
    }
    for (const type of ['application/json; charset="UTF-8"', 'application/json;charset=utf8']) {
      expect((await post(server.url, body, { 'Content-Type': type })).status, type).toBe(200);
    }
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

  it('the client never retries a batch with a notification that is not idempotent', async () => {
    const client = new JsonRpcHttpClient({ url: server.url, timeoutMs: 50, retries: 3, retryDelayMs: 1, idempotentMethods: ['add'] });
    const before = slowExecutions;
    try {
      await expect(client.batch([
        { method: 'add', params: [1, 2] },
        { method: 'slowCount', notification: true },
      ])).rejects.toMatchObject({ kind: 'timeout' });
      expect(client.attempts).toBe(1);
      expect(slowExecutions - before).toBe(1);
    } finally {
      client.close();
    }
  });

  it('the client refuses an empty batch before sending anything', async () => {
    const client = new JsonRpcHttpClient({ url: server.url });
    try {
      await expect(client.batch([])).rejects.toThrow(/vacío/);
      expect(client.attempts).toBe(0);
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
      expect(executions).toBe(0);
    } finally {
      client.close();
    }
  });

  it('closes cleanly and promptly while a keep-alive connection is open', async () => {
    const other = await startHttpServer({ dispatcher: createLectureDispatcher() });
    const client = new JsonRpcHttpClient({ url: other.url });
    try {
      await client.call('add', [1, 2]);
      const before = await new Promise<number>((resolve) => other.server.getConnections((_e, n) => resolve(n)));
      expect(before).toBe(1); // the client's keep-alive socket, idle but open
      // Liveness, not speed: close() must end open connections, not wait out their keep-alive.
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'atascado'>((resolve) => (timer = setTimeout(() => resolve('atascado'), 1000)));
      const outcome = await Promise.race([other.close().then(() => 'cerrado' as const), deadline]);
      clearTimeout(timer);
      expect(outcome).toBe('cerrado');
      expect(other.server.listening).toBe(false);
      const open = await new Promise<number>((resolve) => other.server.getConnections((_e, n) => resolve(n)));
      expect(open).toBe(0);
    } finally {
      client.close();
    }
  });

  it('cuts a client that stalls after its headers, or in the middle of them (408)', async () => {
    const strict = await startHttpServer({ dispatcher: createLectureDispatcher(), headersTimeoutMs: 100, requestTimeoutMs: 200 });
    const stall = (text: string) =>
      new Promise<string>((resolve, reject) => {
        const socket: net.Socket = net.connect(strict.port, '127.0.0.1', () => socket.write(text));
        const chunks: Buffer[] = [];
        socket.on('data', (c: Buffer) => chunks.push(c));
        socket.on('error', reject);
        socket.on('close', () => resolve(Buffer.concat(chunks).toString()));
      });
    try {
      const afterHeaders = await stall('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"jsonrpc"');
      expect(afterHeaders).toMatch(/^HTTP\/1\.1 408/);
      const midHeaders = await stall('POST / HTTP/1.1\r\nHost: x\r\nContent-Ty');
      expect(midHeaders).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await strict.close();
    }
  });
});

/** A fake JSON-RPC server that answers whatever the test tells it to, to check the client's checks. */
describe('the HTTP client checks every answer', () => {
  let fake: http.Server;
  let url: string;
  let answer: { status: number; body: string } = { status: 200, body: '' };
  let requests: string[] = [];

  beforeAll(async () => {
    fake = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        requests.push(Buffer.concat(chunks).toString());
        res.writeHead(answer.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(answer.body) });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(fake.address() as net.AddressInfo).port}/`;
  });
  afterAll(async () => {
    fake.closeAllConnections();
    await new Promise<void>((resolve) => fake.close(() => resolve()));
  });

  /** A client whose next request id is 1, answered with `body`. */
  function clientAnswering(body: string, status = 200): JsonRpcHttpClient {
    answer = { status, body };
    requests = [];
    return new JsonRpcHttpClient({ url, retries: 2, retryDelayMs: 1, idempotentMethods: ['add'] });
  }

  it.each([
    ['the id of another request', '{"jsonrpc":"2.0","result":3,"id":99}'],
    ['jsonrpc other than "2.0"', '{"jsonrpc":"1.0","result":3,"id":1}'],
    ['no jsonrpc member', '{"result":3,"id":1}'],
    ['both result and error', '{"jsonrpc":"2.0","result":3,"error":{"code":1,"message":"x"},"id":1}'],
    ['neither result nor error', '{"jsonrpc":"2.0","id":1}'],
    ['no id member', '{"jsonrpc":"2.0","result":3}'],
    ['a success with id null', '{"jsonrpc":"2.0","result":3,"id":null}'],
    ['an error object without a code', '{"jsonrpc":"2.0","error":{"message":"x"},"id":1}'],
    ['an array for a single call', '[{"jsonrpc":"2.0","result":3,"id":1}]'],
  ])('a single call answered with %s is a body error', async (_what, body) => {
    const client = clientAnswering(body);
    try {
      await expect(client.call('add', [1, 2])).rejects.toMatchObject({ name: 'RpcTransportError', kind: 'body' });
    } finally {
      client.close();
    }
  });

  it('an error with id null (the server could not read the id) is an RpcError', async () => {
    const client = clientAnswering('{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}');
    try {
      await expect(client.call('add', [1, 2])).rejects.toMatchObject({ name: 'RpcError', code: -32700 });
    } finally {
      client.close();
    }
  });

  it('a whole-batch error (one Response, not an array) rejects with RpcError', async () => {
    for (const code of [-32700, -32600]) {
      const client = clientAnswering(`{"jsonrpc":"2.0","error":{"code":${code},"message":"x"},"id":null}`);
      try {
        await expect(client.batch([{ method: 'add', params: [1, 2] }, { method: 'add', params: [3, 4] }])).rejects.toSatisfy(
          (error: unknown) => error instanceof RpcError && error.code === code,
        );
      } finally {
        client.close();
      }
    }
  });

  it('a batch reply that leaves a call unanswered, repeats or invents an id is a body error', async () => {
    const one = '{"jsonrpc":"2.0","result":3,"id":1}';
    for (const body of [`[${one}]`, `[${one},${one}]`, `[${one},{"jsonrpc":"2.0","result":7,"id":5}]`, `[${one},{"jsonrpc":"2.0","result":7}]`]) {
      const client = clientAnswering(body);
      try {
        await expect(client.batch([{ method: 'add', params: [1, 2] }, { method: 'add', params: [3, 4] }]), body).rejects.toMatchObject({ kind: 'body' });
      } finally {
        client.close();
      }
    }
    const client = clientAnswering(`[${one},{"jsonrpc":"2.0","result":7,"id":2}]`);
    try {
      expect(await client.batch([{ method: 'add', params: [1, 2] }, { method: 'add', params: [3, 4] }])).toEqual([
        { jsonrpc: '2.0', result: 3, id: 1 },
        { jsonrpc: '2.0', result: 7, id: 2 },
      ]);
    } finally {
      client.close();
    }
  });

  it('a 4xx answer is never retried, even for an idempotent call; a 503 is', async () => {
    for (const status of [400, 405, 413, 415]) {
      const client = clientAnswering('no', status);
      try {
        await expect(client.call('add', [1, 2])).rejects.toMatchObject({ kind: 'http', status });
        expect(client.attempts, `HTTP ${status}`).toBe(1);
        expect(requests).toHaveLength(1);
      } finally {
        client.close();
      }
    }
    const client = clientAnswering('ocupado', 503);
    try {
      await expect(client.call('add', [1, 2])).rejects.toMatchObject({ kind: 'http', status: 503 });
      expect(client.attempts).toBe(3);
    } finally {
      client.close();
    }
  });
});
