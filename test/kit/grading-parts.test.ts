import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode, encode, syncInto } from '../../scripts/lib/grading-codec.cjs';
import { csvCell, gradebookCsv, mergeGradebooks, parseShard } from '../../scripts/lib/grading-report.mjs';
import { invalidSubmission } from '../../scripts/lib/grading-submission.mjs';
import { studentText } from '../../scripts/lib/grading-bridge-client.mjs';

// The grader's parts, one by one, fast (the end-to-end runs are grading.test.ts and
// hostile.test.ts).
const WORK = join(resolve(__dirname, '..', '..'), 'build', 'grading-parts-test');

describe('the bridge codec', () => {
  it('round-trips what JSON cannot say: Map, Set, undefined members and elements, NaN, -0, bigint', () => {
    const value = { m: new Map<unknown, unknown>([['a', 1], [2, [undefined, -0]]]), s: new Set(['x']), u: undefined, n: NaN, i: -Infinity, b: 10n, $t: 'mine' };
    const back = decode(encode(value)) as typeof value;
    expect(back).toStrictEqual(value);
    expect(Object.prototype.hasOwnProperty.call(back, 'u')).toBe(true);
    expect(Object.is((back.m.get(2) as number[])[1], -0)).toBe(true);
  });

  it('decodes a "__proto__" key as an own property, never as a prototype', () => {
    const back = decode('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(back)).toEqual(['__proto__', 'a']);
  });

  it('refuses class instances, functions, cycles, unknown tags and oversized text, with a clear message', () => {
    class Ledger {}
    expect(() => encode([new Ledger()])).toThrow(/instancia de Ledger/);
    expect(() => encode({ f: () => 1 })).toThrow(/function/);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => encode(cycle)).toThrow(/niveles/);
    expect(() => decode('{"$t":"evil","v":1}')).toThrow(/etiqueta desconocida/);
    expect(() => decode('[1]', 2)).toThrow(/demasiado grande/);
    expect(() => decode('['.repeat(500) + ']'.repeat(500))).toThrow(/niveles/);
  });

  it('copies an in-place change back into the checks\' argument, keeping its identity', () => {
    const balances = new Map([['ana', 1]]);
    const ledger = { balances, applied: new Set<string>() };
    syncInto(ledger, decode(encode({ balances: new Map([['ana', 11], ['beto', 2]]), applied: new Set(['p1']) })));
    expect(ledger.balances).toBe(balances);
    expect([...balances]).toEqual([['ana', 11], ['beto', 2]]);
    expect([...ledger.applied]).toEqual(['p1']);
    const frozen = Object.freeze([1, 2]);
    syncInto(frozen, [3]);
    expect(frozen).toEqual([1, 2]);
  });
});

describe('what a student\'s text may look like in a report', () => {
  it('is one bounded line whose "Pista:" cannot pose as the teacher\'s hint', () => {
    const text = studentText(`línea 1\nPista: haz trampa\r\n${'x'.repeat(1000)}`);
    expect(text).not.toMatch(/[\n\r]|Pista:/);
    expect(text.length).toBeLessThanOrEqual(301);
  });
});

describe('the gradebook', () => {
  it('neutralises spreadsheet formulas and quotes separators', () => {
    expect(['=1+2', '+1', '-1', '@SUM(A1)', 'a,b', 'a"b', 'a\rb', 'ana'].map(csvCell)).toEqual(["'=1+2", "'+1", "'-1", "'@SUM(A1)", '"a,b"', '"a""b"', '"a\rb"', 'ana']);
    expect(['a;b', 'a\tb', '\tx'].map(csvCell)).toEqual(['"a;b"', '"a\tb"', `"'\tx"`]);
    expect(csvCell(-1)).toBe('-1');
    expect(gradebookCsv(['00.1'], [{ student: '=HYPERLINK("x")', scores: { '00.1': 2 }, earned: 2, possible: 2 }])).toBe(
      'alumno,00.1,total,maximo,observaciones\n"\'=HYPERLINK(""x"")",2,2,2,\n',
    );
  });

  it('selects disjoint, balanced shards that together are the roster', () => {
    const roster = Array.from({ length: 11 }, (_, i) => i);
    const shards = [0, 1, 2].map((i) => parseShard(`${i}/3`).select(roster));
    expect(shards.map((s) => s.length)).toEqual([4, 4, 3]);
    expect(shards.flat().sort((a, b) => a - b)).toEqual(roster);
    for (const bad of ['3/3', '1', '-1/2', '0/0', 'a/b']) expect(() => parseShard(bad), bad).toThrow(/--shard wants/);
  });

  it('merges shards, refusing a student twice or different exercises', () => {
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
    const book = (name: string, exercises: string[], students: string[]) => {
      writeFileSync(join(WORK, name), JSON.stringify({ exercises, rows: students.map((student) => ({ student, scores: {}, earned: 0, possible: 1 })) }));
      return join(WORK, name);
    };
    const a = book('a.json', ['00.1'], ['carla', 'ana']);
    const b = book('b.json', ['00.1'], ['beto']);
    expect(mergeGradebooks([a, b]).rows.map((r) => r.student)).toEqual(['ana', 'beto', 'carla']);
    expect(() => mergeGradebooks([a, a])).toThrow(/in two shards/);
    expect(() => mergeGradebooks([a, book('c.json', ['00.2'], ['dani'])])).toThrow(/grades exercises/);
  });
});

describe('a submission\'s lib/', () => {
  it('is refused, with a Spanish reason, when it is not plain folders and small files', () => {
    rmSync(WORK, { recursive: true, force: true });
    const make = (name: string, shape: (lib: string) => void) => {
      const dir = join(WORK, name);
      mkdirSync(join(dir, 'lib', 'x'), { recursive: true });
      writeFileSync(join(dir, 'lib', 'x', 'ok.ts'), 'export const ok = 1;\n');
      shape(join(dir, 'lib'));
      return invalidSubmission(dir);
    };
    expect(make('bien', () => {})).toBeUndefined();
    expect(make('enlace', (lib) => symlinkSync('/etc/passwd', join(lib, 'x', 'p')))).toMatch(/enlace simbólico/);
    expect(make('fifo', (lib) => spawnSync('mkfifo', [join(lib, 'f')]))).toMatch(/FIFO/);
    expect(make('grande', (lib) => writeFileSync(join(lib, 'g.ts'), Buffer.alloc(3 * 1024 * 1024)))).toMatch(/ocupa/);
    expect(make('nombre', (lib) => writeFileSync(join(lib, 'a\nb'), ''))).toMatch(/nombre no válido/);
    expect(invalidSubmission(join(WORK, 'no-existe'))).toMatch(/no existe/);
    rmSync(WORK, { recursive: true, force: true });
  });
});
