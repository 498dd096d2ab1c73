import { describe, expect, it } from 'vitest';
import { actimeo, LINUX_DEFAULTS, NOAC } from '../../lib/nfs/cache-policy';
import { NfsClient } from '../../lib/nfs/client';
import { manualClock } from '../../lib/nfs/clock';
import { stalenessExperiment } from '../../lib/nfs/experiment';
import { NfsError } from '../../lib/nfs/messages';
import { NfsServer } from '../../lib/nfs/server';
import { NfsStore } from '../../lib/nfs/store';
import { inProcessTransport, lossyTransport } from '../../lib/nfs/transport';
import { createRng } from '../../lib/random/index';

function setup(policy = LINUX_DEFAULTS) {
  const clock = manualClock();
  const server = new NfsServer({ store: new NfsStore({ clock: clock.now }), duplicateRequestCache: true });
  const make = (name: string, p = policy) => new NfsClient({ name, transport: inProcessTransport(server), clock: clock.now, policy: p });
  return { clock, server, make };
}

describe('close-to-open consistency and the attribute cache', () => {
  it('a reader with the file open sees the old data until its attributes expire (the stale read)', async () => {
    const { clock, make } = setup();
    const a = make('A');
    const b = make('B');
    await a.writeFile('f', 'v1');
    const fd = await b.open('f');
    expect(await b.read(fd)).toBe('v1');
    clock.set(1_000);
    await a.writeFile('f', 'v2');
    clock.set(2_999);
    expect(await b.read(fd)).toBe('v1');
    expect((await b.stat('f')).size).toBe(2);
    clock.set(3_000);
    expect(await b.read(fd)).toBe('v2');
  });

  it('an open after the writer\'s close always sees the new data (cto), but not with nocto', async () => {
    const { clock, make } = setup();
    const a = make('A');
    const b = make('B');
    const c = make('C', { ...LINUX_DEFAULTS, cto: false });
    await a.writeFile('f', 'v1');
    expect(await b.readFile('f')).toBe('v1');
    expect(await c.readFile('f')).toBe('v1');
    clock.set(500);
    await a.writeFile('f', 'v2');
    clock.set(600);
    expect(await b.readFile('f')).toBe('v2');
    expect(await c.readFile('f')).toBe('v1');
  });

  it('writes stay in the client until close (flush on close)', async () => {
    const { make, server } = setup();
    const a = make('A');
    await a.writeFile('f', '');
    const fd = await a.open('f');
    a.write(fd, 'borrador');
    expect(server.store.read(server.store.lookup(server.store.rootHandle, 'f').handle, 0, 100).data).toBe('');
    await a.close(fd);
    expect(server.store.read(server.store.lookup(server.store.rootHandle, 'f').handle, 0, 100).data).toBe('borrador');
  });

  it('noac asks on every access; the data cache still saves the READ when nothing changed', async () => {
    const { make } = setup(NOAC);
    const b = make('B');
    await make('A', NOAC).writeFile('f', 'x');
    const fd = await b.open('f');
    for (let i = 0; i < 5; i++) await b.read(fd);
    expect(b.calls.get('GETATTR')).toBe(6);
    expect(b.calls.get('READ')).toBe(1);
  });

  it('a file removed by another client gives NFS3ERR_STALE through an open descriptor', async () => {
    const { clock, make } = setup(actimeo(0));
    const a = make('A');
    const b = make('B');
    await a.writeFile('f', 'x');
    const fd = await b.open('f');
    await b.read(fd);
    await a.remove('f');
    clock.advance(1);
    await expect(b.read(fd)).rejects.toMatchObject({ status: 'NFS3ERR_STALE' });
    await expect(b.readFile('f')).rejects.toBeInstanceOf(NfsError);
  });

  it('retransmits with the same xid after a loss, and gives up after `retries`', async () => {
    const clock = manualClock();
    const server = new NfsServer({ store: new NfsStore({ clock: clock.now }), duplicateRequestCache: true });
    const lossy = lossyTransport(inProcessTransport(server), createRng('perdidas'), { requestLossRate: 0.3, replyLossRate: 0.3 });
    const a = new NfsClient({ name: 'A', transport: lossy, clock: clock.now, retries: 30 });
    await a.writeFile('f', 'hola');
    expect(await a.readFile('f')).toBe('hola');
    expect(a.retransmissions).toBeGreaterThan(0);
    const xids = server.log.filter((e) => e.procedure === 'WRITE').map((e) => e.xid);
    expect(new Set(xids).size).toBe(1);
    const never = lossyTransport(inProcessTransport(server), createRng(1), { requestLossRate: 0.999, replyLossRate: 0 });
    const b = new NfsClient({ name: 'B', transport: never, clock: clock.now, retries: 2 });
    await expect(b.mount()).rejects.toMatchObject({ kind: 'timeout' });
    expect(b.calls.get('MNT')).toBe(3);
  });

  it('refuses bad arguments with clear errors', async () => {
    const { make } = setup();
    const a = make('A');
    expect(() => a.write(99, 'x')).toThrow(/EBADF/);
    expect(() => new NfsClient({ name: 'x', transport: inProcessTransport(new NfsServer({ store: new NfsStore({ clock: () => 0 }) })), clock: () => 0, policy: { acregminMs: 5, acregmaxMs: 1, cto: true } })).toThrow(RangeError);
    const weird = new NfsClient({ name: 'w', transport: inProcessTransport(new NfsServer({ store: new NfsStore({ clock: () => 0 }) })), clock: () => 0, decide: () => 'quizá' as never });
    await weird.writeFile('f', 'x').catch(() => undefined);
    await expect(weird.stat('f')).rejects.toThrow(/'cache' o 'getattr'/);
  });
});

describe('stalenessExperiment (seeded)', () => {
  it('reopening with cto is never stale; longer timeouts are staler and ask less; same seed, same rows', async () => {
    const policies = [{ label: 'noac', policy: NOAC }, { label: '3 s', policy: actimeo(3) }, { label: '30 s', policy: actimeo(30) }];
    const rows = await stalenessExperiment({ seed: 3, policies, durationMs: 40_000, meanWriteGapMs: 4_000 });
    const open = (l: string) => rows.find((r) => r.label === l && r.mode === 'archivo abierto')!;
    for (const r of rows.filter((x) => x.mode === 'reabre cada vez')) expect(r.staleReads, r.label).toBe(0);
    expect(open('noac').staleReads).toBe(0);
    expect(open('3 s').staleFraction).toBeGreaterThan(0);
    expect(open('30 s').staleFraction).toBeGreaterThan(open('3 s').staleFraction);
    expect(open('30 s').getattrPerRead).toBeLessThan(open('3 s').getattrPerRead);
    expect(open('3 s').maxStaleMs).toBeLessThan(3_000);
    const again = await stalenessExperiment({ seed: 3, policies, durationMs: 40_000, meanWriteGapMs: 4_000 });
    expect(JSON.stringify(again), 'seed 3').toBe(JSON.stringify(rows));
  });
});
