// The kit against Debian's rsync on the same file pairs (CI installs rsync; skipped with a reason when absent).
import { afterEach, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import {
  compareWithRsync, computeDelta, editCases, randomBytes, rsyncArchiveDemo, rsyncBinary, rsyncBlockSize, runCommand, runRealRsync, signature,
} from '../../lib/rsync/index';

const haveRsync = rsyncBinary() !== undefined;
if (!haveRsync) console.warn('test/rsync/real-rsync.test.ts: rsync no está instalado (sudo apt-get install rsync): se saltan las comparaciones con rsync real');

describe.skipIf(!haveRsync)('the kit against real rsync (--no-whole-file --stats --debug=deltasum3)', () => {
  it.each([700, 2048])('every edit kind at block size %d: same literal and matched bytes, same weak sums, same matches (seed 20)', async (blockSize) => {
    const rows = await compareWithRsync(editCases(createRng(20), { size: 60_000 }), { blockSize, name: `test-${blockSize}` });
    for (const row of rows) {
      const label = `seed 20, ${row.kind}, block ${blockSize}`;
      expect(row.real?.identical, label).toBe(true);
      expect([row.kitLiteral, row.kitMatched], label).toEqual([row.rsyncLiteral, row.rsyncMatched]);
      expect(row.sameMatches, label).toBe(true);
    }
  });

  it('repeated blocks: the same block indices as rsync (hash-chain order and the adjacent-match preference)', async () => {
    const rng = createRng(21);
    const chunk = randomBytes(rng, 512);
    const parts = [chunk, randomBytes(rng, 512), chunk, chunk, randomBytes(rng, 512), chunk, randomBytes(rng, 300)];
    const basis = Uint8Array.from(parts.flatMap((p) => [...p]));
    const target = Uint8Array.from([...randomBytes(rng, 10), ...chunk, ...chunk, ...basis.subarray(512, 1024), ...chunk, ...basis.subarray(2048)]);
    const kit = computeDelta(signature(basis, 512), target);
    const real = await runRealRsync({ name: 'test-repetidos', basis, target, blockSize: 512 });
    expect(real.matches, 'seed 21').toEqual(kit.matches);
    expect(real.literalBytes).toBe(kit.stats.literalBytes);
  });

  it('rsync picks the block size of rsyncBlockSize when none is given (a 600,000-byte file: 768)', async () => {
    const rng = createRng(22);
    const basis = randomBytes(rng, 600_000);
    const target = basis.slice(1000);
    const real = await runRealRsync({ name: 'test-defecto', basis, target });
    expect(real.blockSize).toBe(rsyncBlockSize(600_000));
    expect(real.blockSize).toBe(768);
    const kit = computeDelta(signature(basis), target);
    expect(real.literalBytes, 'seed 22').toBe(kit.stats.literalBytes);
  });

  it('a weak-checksum collision is sent literally by rsync too (its strong checksum refuses it)', async () => {
    const rng = createRng(23);
    const basis = randomBytes(rng, 4096);
    const target = basis.slice();
    // Keep s1 and s2: +1, −2, +1 on three consecutive bytes of block 3 (away from 0/255 edges).
    for (const [i, d] of [[3 * 512 + 100, 1], [3 * 512 + 101, -2], [3 * 512 + 102, 1]] as const) target[i] = 100 + d;
    for (const i of [3 * 512 + 100, 3 * 512 + 101, 3 * 512 + 102]) basis[i] = 100;
    const kit = computeDelta(signature(basis, 512), target);
    expect(kit.stats.falseAlarms).toBeGreaterThan(0);
    const real = await runRealRsync({ name: 'test-colision', basis, target, blockSize: 512 });
    expect(real.literalBytes).toBe(kit.stats.literalBytes);
    expect(real.identical).toBe(true);
  });

  it('the lecture\'s -av and -avz: times kept, -z compresses the stream, a second run sends only what changed', async () => {
    const runs = await rsyncArchiveDemo('test-leccion');
    expect(runs).toBeDefined();
    const [av, avz, again, delta] = runs ?? [];
    expect(av?.listed.length).toBe(20);
    expect(av?.timesKept && avz?.timesKept && again?.timesKept).toBe(true);
    expect(avz?.bytesSent ?? Infinity).toBeLessThan((av?.bytesSent ?? 0) / 5);
    expect(again?.listed.length).toBe(2);
    expect(again?.matchedBytes).toBe(0);
    expect(delta?.matchedBytes ?? 0).toBeGreaterThan(0);
    expect(delta?.literalBytes ?? Infinity).toBeLessThan(100);
  });
});

describe('running rsync: timeouts and a missing binary', () => {
  const saved = process.env.KIT_HIDE_BINARIES;
  afterEach(() => {
    if (saved === undefined) delete process.env.KIT_HIDE_BINARIES;
    else process.env.KIT_HIDE_BINARIES = saved;
  });

  it('says in Spanish how to install rsync when it is missing (KIT_HIDE_BINARIES=rsync)', async () => {
    process.env.KIT_HIDE_BINARIES = 'rsync';
    expect(rsyncBinary()).toBeUndefined();
    await expect(runRealRsync({ name: 'test-falta', basis: new Uint8Array(1), target: new Uint8Array(1) })).rejects.toThrow(/sudo apt-get install rsync/);
  });

  it('kills a command that outlives its timeout, with its process group', async () => {
    const r = await runCommand('sh', ['-c', 'sleep 30 & sleep 30'], { timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(r.code).toBeNull();
  });
});
