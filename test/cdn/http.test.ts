import * as http from 'node:http';
import * as net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latencyExperiment, objectBody, parseObjectPath, replayStream, startEdge, startOrigin } from '../../lib/cdn/index';
import type { EdgeServer, OriginServer } from '../../lib/cdn/index';

const tcpHandles = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPServerWrap').length;
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

function get(url: string, method = 'GET'): Promise<{ status: number; body: string; cache: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, cache: res.headers['x-cache'] as string | undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a CDN on loopback HTTP', () => {
  let before = 0;
  let origin: OriginServer;
  let edge: EdgeServer;
  beforeAll(async () => {
    before = tcpHandles();
    origin = await startOrigin({ objects: 50, delayMs: 5, objectBytes: 64 });
    edge = await startEdge({ originUrl: origin.url, objects: 50, capacity: 2, policy: 'lru' });
  });
  afterAll(async () => {
    await edge.close();
    await origin.close();
    await settle();
    expect(tcpHandles(), `left: ${process.getActiveResourcesInfo().join(', ')}`).toBe(before);
  });

  it('serves a miss from the origin, then a hit from memory, with the same bytes', async () => {
    const first = await get(`${edge.url}/objects/7`);
    const second = await get(`${edge.url}/objects/7`);
    expect([first.status, first.cache, second.status, second.cache]).toEqual([200, 'MISS', 200, 'HIT']);
    expect(second.body).toBe(objectBody(7, 64).toString());
    expect(origin.served).toBe(1);
  });

  it('evicts by LRU: with capacity 2, a third object pushes out the least recently used', async () => {
    await get(`${edge.url}/objects/1`);
    await get(`${edge.url}/objects/2`);
    await get(`${edge.url}/objects/1`);
    await get(`${edge.url}/objects/3`); // evicts 2
    expect((await get(`${edge.url}/objects/1`)).cache).toBe('HIT');
    expect((await get(`${edge.url}/objects/2`)).cache).toBe('MISS');
  });

  it('answers bad requests with 4xx and keeps serving', async () => {
    expect((await get(`${edge.url}/objects/50`)).status).toBe(404);
    expect((await get(`${edge.url}/objects/-1`)).status).toBe(400);
    expect((await get(`${edge.url}/objects/abc`)).status).toBe(400);
    expect((await get(`${edge.url}/otra/cosa`)).status).toBe(400);
    expect((await get(`${edge.url}/objects/1`, 'POST')).status).toBe(405);
    expect((await get(`${origin.url}/objects/999`)).status).toBe(404);
    expect((await get(`${edge.url}/objects/4`)).status).toBe(200);
    expect(parseObjectPath('/objects/400', 1000)).toEqual({ id: 400 });
  });

  it('replays a stream with concurrency and reports hits from x-cache', async () => {
    const run = await replayStream({ url: edge.url, stream: [9, 9, 9, 9, 9, 9, 9, 9], concurrency: 1 });
    expect(run.hits.slice(1).every(Boolean)).toBe(true);
    const served = origin.served;
    const pair = await replayStream({ url: edge.url, stream: [20, 21, 20, 21], concurrency: 1 });
    expect(pair.hits).toEqual([false, false, true, true]); // in stream order
    expect(origin.served - served).toBe(2);
    await expect(replayStream({ url: edge.url, stream: [60], concurrency: 2 })).rejects.toThrow(/404/);
    await expect(replayStream({ url: edge.url, stream: [1], concurrency: 0 })).rejects.toThrow(/concurrency/);
  });

  it('answers 502 when the origin is gone, without crashing the edge', async () => {
    const lonely = await startEdge({ originUrl: 'http://127.0.0.1:1', objects: 5, capacity: 1 });
    try {
      expect((await get(`${lonely.url}/objects/1`)).status).toBe(502);
      expect((await get(`${lonely.url}/objects/1`)).status).toBe(502);
    } finally {
      await lonely.close();
    }
  });

  it('origin dies mid-request: 502 for what the edge lacks, cached objects still served, no hang', async () => {
    const dying = await startOrigin({ objects: 10, delayMs: 0, objectBytes: 16 });
    const front = await startEdge({ originUrl: dying.url, objects: 10, capacity: 4 });
    try {
      await front.warm([0, 1]);
      dying.delayMs = 5000;
      const pending = get(`${front.url}/objects/5`);
      while (dying.pending === 0) await new Promise((r) => setTimeout(r, 2));
      await dying.close();
      expect((await pending).status).toBe(502);
      const again = await get(`${front.url}/objects/5`);
      expect([again.status, again.cache]).toEqual([502, undefined]);
      const cached = await get(`${front.url}/objects/0`);
      expect([cached.status, cached.cache]).toEqual([200, 'HIT']);
    } finally {
      await front.close();
      await dying.close();
    }
  });

  it('an origin that accepts but never answers: 504 from the edge, a timeout from replayStream', async () => {
    const sockets = new Set<net.Socket>();
    const mute = net.createServer((s) => { sockets.add(s); s.on('data', () => {}); });
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', () => r()));
    const muteUrl = `http://127.0.0.1:${(mute.address() as net.AddressInfo).port}`;
    const front = await startEdge({ originUrl: muteUrl, objects: 10, capacity: 2, originTimeoutMs: 80 });
    try {
      const first = await get(`${front.url}/objects/3`);
      expect(first.status).toBe(504);
      expect(first.body).toMatch(/no respondió en 80 ms/);
      // The failed fetch left no body: the next request is a MISS again, not a false HIT.
      expect((await get(`${front.url}/objects/3`)).cache).toBeUndefined();
      expect(front.hits).toBe(0);
      await expect(replayStream({ url: muteUrl, stream: [1, 2], concurrency: 2, timeoutMs: 80 })).rejects.toThrow(/no recibió respuesta en 80 ms/);
    } finally {
      await front.close();
      for (const s of sockets) s.destroy();
      await new Promise((r) => mute.close(r));
    }
  });

  it('rejects bad server options in Spanish', async () => {
    await expect(startOrigin({ objects: 0, delayMs: 1 })).rejects.toThrow(/objects/);
    await expect(startOrigin({ objects: 5, delayMs: -1 })).rejects.toThrow(/delayMs/);
    await expect(startEdge({ originUrl: origin.url, objects: 5, capacity: -1 })).rejects.toThrow(/capacidad/);
    await expect(startEdge({ originUrl: 'http://example.com:80', objects: 5, capacity: 1 })).rejects.toThrow(/127\.0\.0\.1/);
    await expect(replayStream({ url: `${edge.url}/`, stream: [1] })).rejects.toThrow(/url/);
  });
});

describe('latency experiment', () => {
  it('checks its options before starting any server', async () => {
    const before = tcpHandles();
    const ok = { objects: 50, alpha: 0.8, capacities: [0], requests: 5, warmupRequests: 0, delayMs: 1, concurrency: 2, seed: 1 };
    await expect(latencyExperiment({ ...ok, concurrency: 0 })).rejects.toThrow(/concurrency/);
    await expect(latencyExperiment({ ...ok, capacities: [1.5] })).rejects.toThrow(/capacidad/);
    await expect(latencyExperiment({ ...ok, capacities: [] })).rejects.toThrow(/capacities/);
    await expect(latencyExperiment({ ...ok, warmupRequests: -1 })).rejects.toThrow(/warmupRequests/);
    expect(tcpHandles()).toBe(before);
  });

  it('counts hits and origin fetches per capacity, and closes everything', async () => {
    const before = tcpHandles();
    const run = await latencyExperiment({ objects: 200, alpha: 0.8, capacities: [0, 200], requests: 40, warmupRequests: 4000, delayMs: 5, concurrency: 8, seed: 1 });
    expect(run.rows[0]!.hitRatio).toBe(0);
    expect(run.rows[1]!.hitRatio).toBeGreaterThan(0.9);
    // Counts, not times: every MISS is one object from the origin, and capacity 200 holds them all.
    expect(run.rows[0]!.originRequests).toBe(40);
    expect(run.rows[1]!.originRequests).toBeLessThanOrEqual(200);
    expect(run.rows[1]!.originRequests).toBe(Math.round(40 * (1 - run.rows[1]!.hitRatio)));
    await settle();
    expect(tcpHandles(), `left: ${process.getActiveResourcesInfo().join(', ')}`).toBe(before);
  });
});
