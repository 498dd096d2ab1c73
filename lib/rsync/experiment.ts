// @real-io: runs real rsync (lib/rsync/real.ts) on folders under build/rsync/.
/**
 * The chapter's experiments: the kit and real rsync on the same file pairs; bytes on the wire
 * against block size; and the lecture's `rsync -av` / `-avz` run on a folder the chapter makes.
 */
import { appendFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rsyncStrongLength } from './block-size';
import { computeDelta, signature } from './delta';
import type { DeltaMatch } from './delta';
import type { FilePair } from './edits';
import { encodeDelta } from './patch';
import { parseRsyncOutput, rsyncBinary, runCommand, runRealRsync, rsyncWorkDir } from './real';
import type { RealRsyncRun } from './real';
import type { BlockSizePoint, ComparisonRow } from './plots';

/** The kit and real rsync on one file pair. */
export interface PairComparison extends ComparisonRow {
  readonly description: string;
  readonly blockSize: number;
  readonly kitMatches: readonly DeltaMatch[];
  readonly kitFalseAlarms: number;
  /** Real rsync's run, or `undefined` when rsync is not installed. */
  readonly real?: RealRsyncRun;
  /** True when rsync's weak sums and matches (offset, block, length) equal the kit's, one by one. */
  readonly sameMatches?: boolean;
}

/** Runs the kit and (if installed) real rsync with block size `blockSize` on every pair. */
export async function compareWithRsync(pairs: readonly FilePair[], options: { blockSize: number; name?: string }): Promise<PairComparison[]> {
  const rows: PairComparison[] = [];
  const haveRsync = rsyncBinary() !== undefined;
  for (const [i, pair] of pairs.entries()) {
    const sig = signature(pair.basis, options.blockSize);
    const kit = computeDelta(sig, pair.target);
    const real = haveRsync ? await runRealRsync({ name: `${options.name ?? 'comparacion'}-${i}`, basis: pair.basis, target: pair.target, blockSize: options.blockSize }) : undefined;
    const sameMatches = real === undefined ? undefined
      : JSON.stringify(real.matches) === JSON.stringify(kit.matches) && real.weakSums.length === sig.blocks.length && sig.blocks.every((b, k) => real.weakSums[k] === b.weak);
    rows.push({
      kind: pair.kind, description: pair.description, blockSize: options.blockSize,
      kitLiteral: kit.stats.literalBytes, kitMatched: kit.stats.matchedBytes, kitMatches: kit.matches, kitFalseAlarms: kit.stats.falseAlarms,
      ...(real === undefined ? {} : { real, rsyncLiteral: real.literalBytes, rsyncMatched: real.matchedBytes, sameMatches }),
    });
  }
  return rows;
}

/**
 * Bytes on the wire for one pair at each block size: the kit's signature (16-byte header, then
 * 4 + s2length bytes per block, s2length as rsync picks it) and encoded delta, and real rsync's
 * «Total bytes sent» + «received» when it is installed.
 */
export async function blockSizeSweep(pair: FilePair, blockSizes: readonly number[], options: { real?: boolean } = {}): Promise<BlockSizePoint[]> {
  const useReal = options.real !== false && rsyncBinary() !== undefined;
  const points: BlockSizePoint[] = [];
  for (const blockSize of blockSizes) {
    const sig = signature(pair.basis, blockSize);
    const kit = computeDelta(sig, pair.target);
    const signatureBytes = 16 + sig.blocks.length * (4 + rsyncStrongLength(pair.basis.length, blockSize));
    const real = useReal ? await runRealRsync({ name: `bloques-${blockSize}`, basis: pair.basis, target: pair.target, blockSize, debug: false }) : undefined;
    points.push({ blockSize, signatureBytes, deltaBytes: encodeDelta(kit.delta).length, ...(real === undefined ? {} : { rsyncTotal: real.bytesSent + real.bytesReceived }) });
  }
  return points;
}

/** One run of the lecture's commands. */
export interface ArchiveRun {
  /** The command as the lecture writes it (paths relative to the chapter's folder). */
  readonly command: string;
  /** Files rsync listed with `-v` (what it sent). */
  readonly listed: readonly string[];
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly literalBytes: number;
  readonly matchedBytes: number;
  /** True if every file of the destination has the source's modification time (what `-a` keeps). */
  readonly timesKept: boolean;
}

function makeFolder(dir: string): void {
  mkdirSync(join(dir, 'docs'), { recursive: true });
  for (let i = 1; i <= 20; i++) {
    const lines = Array.from({ length: 400 }, (_, k) => `Apuntes ${i}, línea ${k}: los sistemas de archivos distribuidos replican bloques.`);
    writeFileSync(join(dir, i <= 12 ? '.' : 'docs', `apuntes-${String(i).padStart(2, '0')}.txt`), `${lines.join('\n')}\n`);
  }
}

const listFiles = (dir: string, base = ''): string[] => readdirSync(join(dir, base), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(dir, join(base, e.name)) : [join(base, e.name)]));

/**
 * The lecture's `rsync -av /origen /destino` and `rsync -avz …`, run for real in
 * `build/rsync/<name>/` on a folder of 20 text files (local paths: no server): a first copy with
 * `-av` and with `-avz`, then, after changing two files, `-av` again and `-av --no-whole-file`.
 * Returns `undefined` when rsync is not installed. The folder is removed at the end.
 */
export async function rsyncArchiveDemo(name = 'leccion'): Promise<ArchiveRun[] | undefined> {
  const binary = rsyncBinary();
  if (binary === undefined) return undefined;
  const dir = rsyncWorkDir(name);
  try {
    makeFolder(join(dir, 'origen'));
    const runs: ArchiveRun[] = [];
    const run = async (args: string[], destination: string) => {
      const r = await runCommand(binary, [...args, '--stats', 'origen/', `${destination}/`], { cwd: dir, timeoutMs: 20_000 });
      if (r.code !== 0) throw new Error(`rsync ${args.join(' ')} terminó con código ${String(r.code)}: ${r.stderr.trim().slice(0, 300)}`);
      const stats = parseRsyncOutput(r.stdout);
      const listed = r.stdout.split('\n').filter((l) => /\.txt$/.test(l.trim()));
      const timesKept = listFiles(join(dir, 'origen')).every((f) => statSync(join(dir, 'origen', f)).mtimeMs === statSync(join(dir, destination, f)).mtimeMs);
      runs.push({ command: `rsync ${args.join(' ')} origen/ ${destination}/`, listed, bytesSent: stats.bytesSent, bytesReceived: stats.bytesReceived, literalBytes: stats.literalBytes, matchedBytes: stats.matchedBytes, timesKept });
    };
    await run(['-av'], 'destino');
    await run(['-avz'], 'destino-z');
    appendFileSync(join(dir, 'origen', 'apuntes-03.txt'), 'Una línea nueva al final.\n');
    writeFileSync(join(dir, 'origen', 'docs', 'apuntes-15.txt'), 'Reescrito entero.\n');
    await run(['-av'], 'destino');
    appendFileSync(join(dir, 'origen', 'apuntes-03.txt'), 'Otra línea más.\n');
    await run(['-av', '--no-whole-file'], 'destino');
    return runs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
