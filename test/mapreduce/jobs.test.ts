// The dataset, the jobs' map and reduce functions, the shuffle's hash, and one worker's tasks run in-process.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  commentsToLines, fnv1a, generateComments, intermediateName, loadCommentsDataset, partitionOf, runMapTask, runReduceTask, runSequential, sentimentOf,
  spanishTransportDetail, splitEvenly, workDirProblem,
} from '../../lib/mapreduce/index';
import { buildCommentsDatasetLines } from '../../lib/mapreduce/dataset';

describe('the comments dataset', () => {
  it('the committed file is exactly what the seeded generator makes', () => {
    expect(loadCommentsDataset()).toEqual(buildCommentsDatasetLines());
  });

  it('same seed, same comments; another seed, other comments', () => {
    expect(generateComments({ seed: 3, count: 50 })).toEqual(generateComments({ seed: 3, count: 50 }));
    expect(generateComments({ seed: 4, count: 50 })).not.toEqual(generateComments({ seed: 3, count: 50 }));
  });

  it('reports its three malformed lines by number and why, and counts the rest', () => {
    const run = runSequential('sentiment', loadCommentsDataset());
    expect(run.malformed).toEqual([
      { line: 1235, reason: 'no es JSON' },
      { line: 2719, reason: 'falta el campo text (texto)' },
      { line: 4243, reason: 'no es un objeto' },
    ]);
    expect(run.records).toBe(5000);
    expect(run.result.reduce((n, [, c]) => n + c, 0)).toBe(5000);
    expect(run.result.map(([k]) => k)).toEqual(['negativo', 'neutro', 'positivo']);
  });
});

describe('map and reduce functions', () => {
  it.each([
    ['el envío fue excelente', 'positivo'],
    ['llegó roto y tarde', 'negativo'],
    ['no bueno, la verdad', 'negativo'],
    ['no es malo', 'negativo'], // the lexicon is naive: only a «no» right before flips,
    ['no malo', 'positivo'],
    ['bueno pero caro', 'neutro'],
    ['el paquete', 'neutro'],
  ] as const)('sentimentOf(%j) is %s', (text, expected) => {
    expect(sentimentOf(text)).toBe(expected);
  });

  it('FNV-1a matches the published test vectors', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('partitionOf stays in [0, R) and spreads the words of the dataset over every partition', () => {
    const words = runSequential('wordcount', loadCommentsDataset()).result.map(([w]) => w);
    const used = new Set(words.map((w) => partitionOf(w, 4)));
    expect([...used].sort()).toEqual([0, 1, 2, 3]);
  });
});

describe("a worker's tasks, run in this process", () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('map tasks then reduce tasks give the single-process result, for both jobs', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mr-tasks-'));
    const lines = commentsToLines(generateComments({ seed: 11, count: 700 }));
    lines.splice(100, 0, 'esto no es json');
    for (const job of ['sentiment', 'wordcount'] as const) {
      const splits = splitEvenly(lines, 3);
      let first = 0;
      const malformed: number[] = [];
      for (const [m, split] of splits.entries()) {
        const path = join(dir, `input-${m}.jsonl`);
        writeFileSync(path, `${split.join('\n')}\n`);
        const r = await runMapTask({ job, task: m, inputPath: path, firstLine: first, nReduce: 2, dir, attempt: 1 });
        malformed.push(...r.malformed.map((x) => x.line));
        first += split.length;
      }
      expect(readdirSync(dir).filter((n) => /^mr-\d+-\d+\.json$/.test(n)).sort()).toEqual([0, 1, 2].flatMap((m) => [intermediateName(m, 0), intermediateName(m, 1)]).sort());
      const out: [string, number][] = [];
      for (let r = 0; r < 2; r++) {
        await runReduceTask({ job, task: r, nMap: 3, dir, attempt: 1 });
        out.push(...JSON.parse(readFileSync(join(dir, `mr-out-${r}.json`), 'utf8')));
      }
      out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
      expect(out, job).toEqual(runSequential(job, lines).result);
      expect(malformed, 'line numbers count from 1').toEqual([101]);
    }
  });

  it('a reduce task with a missing intermediate file fails with a clear error', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mr-tasks-'));
    await expect(runReduceTask({ job: 'sentiment', task: 0, nMap: 1, dir, attempt: 1 })).rejects.toThrow(/no puedo leer el fichero intermedio mr-0-0.json/);
  });
});

describe('what a student reads', () => {
  it("Node's socket errors are reported in Spanish, without the address and port", () => {
    expect(spanishTransportDetail('no se pudo conectar: connect ECONNREFUSED 127.0.0.1:43005')).toBe('no se pudo conectar: conexión rechazada: nadie escucha en ese puerto');
    expect(spanishTransportDetail('conexión cortada: socket hang up')).toBe('conexión cortada: el trabajador cerró la conexión sin responder');
    expect(spanishTransportDetail('conexión cortada: read ECONNRESET')).toBe('conexión cortada: el trabajador reinició la conexión');
    expect(spanishTransportDetail('no se pudo conectar: connect EWEIRD 127.0.0.1:43005')).toBe('no se pudo conectar: connect EWEIRD');
    expect(spanishTransportDetail('sin respuesta en 5000 ms')).toBe('sin respuesta en 5000 ms');
  });

  it('a work folder must be an absolute path strictly inside build/', () => {
    expect(workDirProblem(join(__dirname, '..', '..', 'build', 'mapreduce', 'x'))).toBeUndefined();
    expect(workDirProblem(join(__dirname, '..', '..', 'build'))).toMatch(/no está dentro de build\/ del kit/);
    expect(workDirProblem(join(__dirname, '..', '..', 'build', '..', 'lib'))).toMatch(/no está dentro de build\/ del kit/);
    expect(workDirProblem(tmpdir())).toMatch(/no está dentro de build\/ del kit/);
    expect(workDirProblem('build/mapreduce/x')).toMatch(/ruta absoluta/);
  });
});
