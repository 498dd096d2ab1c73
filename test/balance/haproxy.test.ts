// Real HAProxy (Debian's haproxy) on 127.0.0.1 in front of node:http backends, next to the kit.
import { afterAll, describe, expect, it } from 'vitest';
import { compareWithHaproxy } from '../../lib/balance/policies-haproxy';
import { haproxyBinary, haproxyConfig, startHaproxy } from '../../lib/services/haproxy';
import { ServiceMissing, runningServices, stopAllServices } from '../../lib/services/process';

const missing = haproxyBinary() === undefined;

afterAll(async () => {
  await stopAllServices();
});

describe('haproxy config', () => {
  it('binds every frontend and server on 127.0.0.1 and writes the algorithm lines', () => {
    const text = haproxyConfig([
      { name: 'rr', balance: 'roundrobin', port: 9001, servers: [{ name: 's1', port: 8001 }, { name: 's2', port: 8002, weight: 3 }] },
      { name: 'h', balance: 'uri-consistent', port: 9002, hashBalanceFactor: 125, servers: [{ name: 's1', port: 8001 }] },
    ], '/tmp/x/admin.sock');
    expect(text).toContain('bind 127.0.0.1:9001');
    expect(text).toContain('server s2 127.0.0.1:8002 weight 3');
    expect(text).toContain('balance uri\n  hash-type consistent\n  hash-balance-factor 125');
    expect(text).toContain('stats socket /tmp/x/admin.sock mode 600 level admin');
    for (const m of text.matchAll(/\b(\d+\.\d+\.\d+\.\d+)\b/g)) expect(m[1]).toBe('127.0.0.1');
  });

  it.each([
    [{ name: 'a b', balance: 'roundrobin', port: 1, servers: [{ name: 's1', port: 1 }] }, /nombre de grupo no válido/],
    [{ name: 'a', balance: 'roundrobin', port: 1, servers: [] }, /no tiene servidores/],
    [{ name: 'a', balance: 'roundrobin', port: 1, servers: [{ name: 's1', port: 1 }, { name: 's1', port: 2 }] }, /servidor repetido s1/],
    [{ name: 'a', balance: 'roundrobin', port: 1, servers: [{ name: 's1', port: 70_000 }] }, /puerto no válido/],
    [{ name: 'a', balance: 'roundrobin', port: 1, servers: [{ name: 's1', port: 1, weight: 0 }] }, /peso no válido/],
    [{ name: 'a', balance: 'uri-consistent', port: 1, hashBalanceFactor: 100, servers: [{ name: 's1', port: 1 }] }, /hash-balance-factor no válido 100/],
    [{ name: 'a', balance: 'uri-consistent', port: 1, hashBalanceFactor: 125.5, servers: [{ name: 's1', port: 1 }] }, /hash-balance-factor no válido/],
    [{ name: 'a', balance: 'uri-consistent', port: 1, hashBalanceFactor: -1, servers: [{ name: 's1', port: 1 }] }, /hash-balance-factor no válido/],
    [{ name: 'a', balance: 'leastconn', port: 1, hashBalanceFactor: 125, servers: [{ name: 's1', port: 1 }] }, /solo vale con uri-consistent/],
  ] as const)('rejects a bad pool %#', (pool, message) => {
    expect(() => haproxyConfig([pool as never], '/tmp/s')).toThrow(message);
  });

  it('rejects bad comparison options before starting anything', async () => {
    await expect(compareWithHaproxy({ seed: 1, servers: 1 })).rejects.toThrow(/entre 2 y 16/);
    await expect(compareWithHaproxy({ seed: 1, servers: 3, slowdown: [1, 0.5, 1] })).rejects.toThrow(/factor ≥ 1/);
    await expect(compareWithHaproxy({ seed: 1, keys: 0 })).rejects.toThrow(/keys debe ser un entero/);
    await expect(compareWithHaproxy({ seed: 1, requests: 2.5 })).rejects.toThrow(/requests debe ser un entero/);
    expect(runningServices().filter((s) => !s.hasExited)).toEqual([]);
  });

  it('accepts hash-balance-factor 0 (off) and 125', () => {
    for (const factor of [0, 125]) {
      expect(haproxyConfig([{ name: 'h', balance: 'uri-consistent', port: 9002, hashBalanceFactor: factor, servers: [{ name: 's1', port: 8001 }] }], '/tmp/s')).toContain(`hash-balance-factor ${factor}`);
    }
  });

  it('says in Spanish how to install haproxy when it is missing', async () => {
    const before = process.env.KIT_HIDE_BINARIES;
    process.env.KIT_HIDE_BINARIES = 'haproxy';
    try {
      // The comparison checks the binary before starting any backend.
      await expect(compareWithHaproxy({ seed: 1 })).rejects.toThrow(ServiceMissing);
      await expect(startHaproxy([{ name: 'a', balance: 'roundrobin', servers: [{ name: 's1', port: 1 }] }])).rejects.toThrow(ServiceMissing);
      await expect(startHaproxy([{ name: 'a', balance: 'roundrobin', servers: [{ name: 's1', port: 1 }] }])).rejects.toThrow(/sudo apt-get install haproxy/);
    } finally {
      if (before === undefined) delete process.env.KIT_HIDE_BINARIES;
      else process.env.KIT_HIDE_BINARIES = before;
    }
  });
});

describe.skipIf(missing)('real HAProxy next to the kit (skipped when haproxy is missing: sudo apt-get install haproxy)', () => {
  it('round robin, leastconn and consistent URI hashing, then one backend into maintenance', async () => {
    const c = await compareWithHaproxy({ seed: 3, requests: 16, concurrentRequests: 40, keys: 120 });
    // Round robin: HAProxy cycles through the four servers like the kit (same counts, same cycle).
    expect(new Set(c.roundRobin.haproxy.slice(0, 4)).size).toBe(4);
    for (let i = 4; i < 16; i++) expect(c.roundRobin.haproxy[i]).toBe(c.roundRobin.haproxy[i - 4]);
    expect(c.roundRobin.kit.slice(0, 4)).toEqual(['s1', 's2', 's3', 's4']);
    // Sequential leastconn: HAProxy rotates among equally loaded servers; the lecture's class always picks S1.
    const sequential = [...c.leastconnSequential.haproxy.values()];
    expect(sequential.reduce((a, b) => a + b, 0)).toBe(16);
    expect(Math.max(...sequential) - Math.min(...sequential), `leastconn seguido: ${sequential.join(', ')}`).toBeLessThanOrEqual(1);
    expect(c.leastconnSequential.haproxy.get('s1') ?? 0).toBeLessThan(16);
    expect(c.leastconnSequential.lecture.get('S1')).toBe(16);
    // Overlapping requests: all answered; the kit's replay sends the slow server fewer than round robin does.
    expect([...c.leastconnConcurrent.haproxy.values()].reduce((a, b) => a + b, 0)).toBe(40);
    expect(c.leastconnConcurrent.kit.get('s4') ?? 0).toBeLessThan(c.leastconnConcurrent.kitRoundRobin.get('s4') ?? 0);
    // Consistent hashing: only the removed server's keys move, in HAProxy and in the kit's ring.
    expect(c.uri.haproxyMovedNeedlessly).toBe(0);
    expect(c.uri.kitMovedNeedlessly).toBe(0);
    expect(c.uri.haproxyMoved).toBeCloseTo((c.uri.haproxy.get(c.uri.removed) ?? 0) / c.uri.keys, 10);
    expect(c.uri.kitMoved).toBeCloseTo((c.uri.kit.get(c.uri.removed) ?? 0) / c.uri.keys, 10);
    expect(c.uri.haproxyMoved).toBeGreaterThan(0);
    expect(runningServices().filter((s) => s.name === 'haproxy' && !s.hasExited)).toEqual([]);
  }, 60_000);

  it('answers a clear error for a runtime command on an unknown server, and stops cleanly', async () => {
    const lb = await startHaproxy([{ name: 'p', balance: 'leastconn', servers: [{ name: 's1', port: 1 }] }]);
    try {
      await expect(lb.setServerState('p', 'nadie', 'maint')).rejects.toThrow(/respondió/);
      expect(await lb.command('show servers state p')).toContain('s1');
    } finally {
      await lb.stop();
    }
    expect(lb.handle.hasExited).toBe(true);
  }, 30_000);
});
