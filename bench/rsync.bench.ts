/**
 * rsync's delta algorithm: the kit's throughput next to real rsync's, measured in the same run.
 *
 * Workloads: a random 8 MiB old file and (a) a new one with 20 insertions of 1–200 bytes (mostly
 * matches: the search jumps a block at a time), (b) a new random file of the same size (no match:
 * the window rolls over every byte); block size rsync 3's default for 8 MiB (2 896 bytes).
 * Figures, in MB/s of the new file:
 * 1. the kit: signature of the old file + delta search + rebuild (in memory);
 * 2. real rsync: `rsync --no-whole-file -I --stats --block-size=B src/f dst/f` on files under
 *    build/rsync/ (wall clock of the process: both its processes, file reads and writes included);
 * 3. two references in the same process: MD5 over the whole new file (node:crypto; the kit and
 *    rsync both hash every byte at least once) and one rolling-checksum pass over every byte
 *    (what the search costs in updates alone when nothing matches).
 *
 * Rounds alternate the runs; the median round's ratios are reported.
 * Run: `npx tsx bench/rsync.bench.ts` (or `npm run bench -- rsync`).
 */
import { createHash } from 'node:crypto';
import { createRng } from '../lib/random/index';
import { applyDelta, computeDelta, randomBytes, rollWeakChecksum, rsyncBinary, rsyncBlockSize, runRealRsync, signature, weakChecksum } from '../lib/rsync/index';

const SIZE = 8 * 1024 * 1024;
const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);

const rng = createRng('bench-rsync');
const basis = randomBytes(rng, SIZE);
let edited = basis;
for (let i = 0; i < 20; i++) edited = insertOnce(edited, rng);
const distinct = randomBytes(rng, SIZE);
let target = edited;
const blockSize = rsyncBlockSize(SIZE);

function insertOnce(data: Uint8Array, r: typeof rng): Uint8Array {
  const at = r.int(0, data.length);
  const piece = randomBytes(r, r.int(1, 200));
  const out = new Uint8Array(data.length + piece.length);
  out.set(data.subarray(0, at), 0);
  out.set(piece, at);
  out.set(data.subarray(at), at + piece.length);
  return out;
}

function kitRun(): { ms: number; literal: number } {
  const t0 = performance.now();
  const sig = signature(basis, blockSize);
  const { delta, stats } = computeDelta(sig, target);
  const rebuilt = applyDelta(basis, delta);
  const ms = performance.now() - t0;
  if (rebuilt.length !== target.length) throw new Error('rebuild failed');
  return { ms, literal: stats.literalBytes };
}

function md5Floor(): number {
  const t0 = performance.now();
  createHash('md5').update(target).digest('hex');
  return performance.now() - t0;
}

function rollFloor(): number {
  const t0 = performance.now();
  // A local alias: calling through the index's re-export getters costs several times more.
  const roll = rollWeakChecksum;
  const data = target;
  let sum = weakChecksum(data, 0, blockSize);
  for (let k = 0; k + blockSize < data.length; k++) sum = roll(sum, data[k] ?? 0, data[k + blockSize] ?? 0, blockSize);
  const ms = performance.now() - t0;
  if (sum < 0) throw new Error('impossible');
  return ms;
}

async function main(): Promise<void> {
  const haveRsync = rsyncBinary() !== undefined;
  console.log(`rsync bench: ${(SIZE / 1024 / 1024).toFixed(0)} MiB, block ${blockSize} B, ${ROUNDS} rounds${haveRsync ? '' : ' (rsync not installed: kit and references only)'}`);
  for (const [name, file] of [['20 insertions', edited], ['a different file', distinct]] as const) {
    target = file;
    kitRun();
    rollFloor();
    const rows: { kit: number; real: number; md5: number; roll: number; literal: number; realLiteral: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const kit = kitRun();
      const real = haveRsync ? await runRealRsync({ name: 'bench', basis, target, blockSize, debug: false, timeoutMs: 120_000 }) : undefined;
      rows.push({ kit: kit.ms, real: real?.elapsedMs ?? NaN, md5: md5Floor(), roll: rollFloor(), literal: kit.literal, realLiteral: real?.literalBytes ?? NaN });
    }
    const m = (f: (r: (typeof rows)[number]) => number) => median(rows.map(f));
    console.log(`\n${name}:`);
    console.log(`  kit (signature + delta + rebuild): ${mbps(target.length, m((r) => r.kit)).toFixed(1)} MB/s (median ${m((r) => r.kit).toFixed(0)} ms); literal ${rows[0]?.literal} B`);
    if (haveRsync) console.log(`  real rsync --no-whole-file:        ${mbps(target.length, m((r) => r.real)).toFixed(1)} MB/s (median ${m((r) => r.real).toFixed(0)} ms); literal ${rows[0]?.realLiteral} B; kit time / rsync time = ${m((r) => r.kit / r.real).toFixed(2)}`);
    console.log(`  reference, MD5 of the new file:    ${mbps(target.length, m((r) => r.md5)).toFixed(1)} MB/s; kit time / MD5 time = ${m((r) => r.kit / r.md5).toFixed(1)}`);
    console.log(`  reference, one rolling pass:       ${mbps(target.length, m((r) => r.roll)).toFixed(1)} MB/s; kit time / rolling-pass time = ${m((r) => r.kit / r.roll).toFixed(1)}`);
  }
}

void main();
