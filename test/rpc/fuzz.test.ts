import * as http from 'node:http';
import * as net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import type { Rng } from '../../lib/random/index';
import { createLectureDispatcher, startHttpServer } from '../../lib/rpc/index';

const SEED = 2024;
const BODIES = 10_000;
const MAX_BODY = 16 * 1024;

/** One fuzz case: what to send and how the test expects the server to answer. */
interface Case {
  method: string;
  contentType: string | undefined;
  body: Buffer;
}

const methodNames = ['add', 'sumar', 'multiply', 'subtract', 'nope', '', 'rpc.x', '__proto__', 'toString'];

function oddId(rng: Rng): unknown {
  return rng.choice<unknown>([
    1, 0, -1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, 'x', '', 'ñandú ☃', 'a'.repeat(rng.int(1, 2000)), null,
    true, false, {}, [], [1], { id: 1 },
  ]);
}

function randomParams(rng: Rng): unknown {
  return rng.choice<unknown>([
    [rng.int(-100, 100), rng.int(-100, 100)], { a: rng.uniform(-1e6, 1e6), b: rng.int(0, 9) }, { minuend: 3, subtrahend: 1 },
    [], [1], [1, 2, 3], { a: 1 }, { a: 'x', b: 2 }, 'params', 42, null, true, [null, null], { b: 1, c: 2 }, [[1], { a: 1 }],
  ]);
}

function randomMessage(rng: Rng): unknown {
  const kind = rng.int(0, 9);
  if (kind === 0) return rng.choice<unknown>([1, 'x', null, true, [], {}, { foo: 'boo' }]);
  const message: Record<string, unknown> = {};
  message.jsonrpc = rng.bernoulli(0.85) ? '2.0' : rng.choice<unknown>(['1.0', 2, 2.0, null, '2.0 ']);
  message.method = rng.bernoulli(0.9) ? rng.choice(methodNames) : rng.choice<unknown>([1, null, ['add'], { m: 1 }]);
  if (rng.bernoulli(0.8)) message.params = randomParams(rng);
  if (rng.bernoulli(0.8)) message.id = rng.bernoulli(0.7) ? rng.int(0, 1000) : oddId(rng);
  return message;
}

function nested(depth: number, open: string, close: string): string {
  return open.repeat(depth) + close.repeat(depth);
}

function makeCase(rng: Rng): Case {
  const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
  const post = (body: Buffer): Case => ({ method: 'POST', contentType: 'application/json', body });
  switch (rng.int(0, 11)) {
    case 0:
    case 1:
      return post(json(randomMessage(rng)));
    case 2: {
      const size = rng.choice([0, 1, 2, 5, 20]);
      return post(json(Array.from({ length: size }, () => randomMessage(rng))));
    }
    case 3: {
      const text = JSON.stringify(rng.bernoulli(0.5) ? randomMessage(rng) : [randomMessage(rng), randomMessage(rng)]);
      return post(Buffer.from(text.slice(0, rng.int(0, Math.max(0, text.length - 1)))));
    }
    case 4:
      return post(Buffer.from(rng.choice(['', ' ', 'null', 'nul', '{', '}', '[', ']', '"\\u00', '{"jsonrpc":"2.0",}', 'NaN', "{'a':1}", '\u0000'])));
    case 5: {
      const depth = rng.int(100, 5000);
      const inner = rng.bernoulli(0.5) ? nested(depth, '[', ']') : nested(depth, '{"a":', '}').replace(/\{"a":\}/, '{"a":1}');
      return post(Buffer.from(rng.bernoulli(0.5) ? inner : `{"jsonrpc":"2.0","method":"add","params":${inner},"id":1}`));
    }
    case 6:
      return post(Buffer.from(Array.from({ length: rng.int(1, 200) }, () => rng.int(0, 255))));
    case 7:
      return post(Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'add', params: ['x'.repeat(MAX_BODY + rng.int(1, 3 * MAX_BODY))], id: 1 })));
    case 8:
      return { method: rng.choice(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']), contentType: 'application/json', body: Buffer.alloc(0) };
    case 9:
      return { method: 'POST', contentType: rng.choice([undefined, 'text/plain', 'application/xml', 'multipart/form-data', 'json']), body: json(randomMessage(rng)) };
    default:
      return post(json({ jsonrpc: '2.0', method: rng.choice(['add', 'multiply']), params: randomParams(rng), id: rng.int(1, 1e9) }));
  }
}

/** An independent reading of §4: is this element a Notification the server must not answer? */
function isNotification(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const m = value as Record<string, unknown>;
  const p = m.params;
  return m.jsonrpc === '2.0' && typeof m.method === 'string' && !('id' in m) && (p === undefined || (typeof p === 'object' && p !== null));
}

function assertResponseShape(value: unknown, where: string): void {
  expect(typeof value === 'object' && value !== null && !Array.isArray(value), where).toBe(true);
  const r = value as Record<string, unknown>;
  expect(r.jsonrpc, where).toBe('2.0');
  const keys = Object.keys(r).sort().join(',');
  expect(['error,id,jsonrpc', 'id,jsonrpc,result'], `${where}: members ${keys}`).toContain(keys);
  expect(typeof r.id === 'string' || typeof r.id === 'number' || r.id === null, where).toBe(true);
  if ('error' in r) {
    const e = r.error as Record<string, unknown>;
    expect(Number.isInteger(e.code), where).toBe(true);
    expect(typeof e.message, where).toBe('string');
    expect(Object.keys(e).every((k) => k === 'code' || k === 'message' || k === 'data'), where).toBe(true);
  }
}

/** Checks one answer against what §4–§6 and the HTTP rules require for that body. */
function checkAnswer(c: Case, status: number, text: string, where: string): void {
  if (c.method !== 'POST') return void expect(status, where).toBe(405);
  if (!c.contentType || !c.contentType.startsWith('application/json')) return void expect(status, where).toBe(415);
  if (c.body.length > MAX_BODY) return void expect(status, where).toBe(413);
  let parsed: unknown;
  try {
    parsed = JSON.parse(c.body.toString('utf8'));
  } catch {
    expect(status, where).toBe(200);
    return void expect(JSON.parse(text), where).toStrictEqual({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
  }
  if (Array.isArray(parsed) && parsed.length === 0) {
    return void expect(JSON.parse(text), where).toStrictEqual({ jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null });
  }
  const elements = Array.isArray(parsed) ? parsed : [parsed];
  const answered = elements.filter((e) => !isNotification(e));
  if (answered.length === 0) return void expect(status, where).toBe(204);
  expect(status, where).toBe(200);
  const reply: unknown = JSON.parse(text);
  const responses = Array.isArray(parsed) ? (reply as unknown[]) : [reply];
  expect(Array.isArray(reply), where).toBe(Array.isArray(parsed));
  expect(responses.length, where).toBe(answered.length);
  responses.forEach((r, i) => {
    assertResponseShape(r, where);
    const sent = answered[i] as Record<string, unknown>;
    const id = sent && typeof sent === 'object' ? sent.id : undefined;
    const validId = typeof id === 'string' || typeof id === 'number' || id === null;
    expect((r as { id: unknown }).id, where).toStrictEqual(validId ? id : null);
  });
}

function send(agent: http.Agent, url: string, c: Case): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { 'Content-Length': c.body.length };
    if (c.contentType !== undefined) headers['Content-Type'] = c.contentType;
    const req = http.request(url, { method: c.method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error('the server hung')));
    req.on('error', reject);
    req.end(c.body);
  });
}

function openSockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;
}

describe(`fuzz: ${BODIES} random and malformed bodies against the live server (seed=${SEED})`, () => {
  it(`answers every body with a spec-conformant error or the right HTTP status, and leaks no socket (reproduce with seed=${SEED})`, async () => {
    const before = openSockets();
    const server = await startHttpServer({ dispatcher: createLectureDispatcher(), maxBodyBytes: MAX_BODY });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const rng = createRng(SEED);
    const cases = Array.from({ length: BODIES }, () => makeCase(rng));
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < cases.length) {
        const index = next++;
        const c = cases[index]!;
        const { status, text } = await send(agent, server.url, c);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        checkAnswer(c, status, text, `case ${index} (seed=${SEED}): ${c.method} ${c.contentType} ${c.body.toString('utf8').slice(0, 120)}`);
      }
    };
    try {
      await Promise.all(Array.from({ length: 8 }, worker));
      // Raw garbage that is not HTTP at all: a 400 and a closed socket, not a crash.
      for (const garbage of ['hola\r\n\r\n', 'POST / HTTP/9.9\r\n\r\n', '\u0000\u0001\u0002']) {
        const answer = await new Promise<string>((resolve) => {
          const socket: net.Socket = net.connect(server.port, '127.0.0.1', () => socket.end(garbage));
          let data = '';
          socket.on('data', (d: Buffer) => (data += d.toString()));
          socket.on('close', () => resolve(data));
        });
        expect(answer).toMatch(/^HTTP\/1\.1 400/);
      }
      expect(statuses.get(200)).toBeGreaterThan(BODIES / 3);
      for (const status of [204, 405, 413, 415]) expect(statuses.get(status), `status ${status} exercised`).toBeGreaterThan(0);
      // The server still works after all that.
      const { status, text } = await send(agent, server.url, { method: 'POST', contentType: 'application/json', body: Buffer.from('{"jsonrpc":"2.0","method":"add","params":[2,2],"id":7}') });
      expect([status, text]).toEqual([200, '{"jsonrpc":"2.0","result":4,"id":7}']);
    } finally {
      agent.destroy();
      await server.close();
    }
    for (let i = 0; i < 100 && openSockets() > before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(openSockets()).toBe(before);
    const open = await new Promise<number>((resolve) => server.server.getConnections((_e, n) => resolve(n)));
    expect(open).toBe(0);
    // A guard against a hang, not a speed check: 10,000 HTTP round trips take ~10 s on an
    // idle machine and several times that on a loaded 2-core one.
  }, 300_000);
});
