import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// End-to-end tests of the exercise tooling on chapter 00's exercises: release a student
// edition, self-check it, and grade a roster with honest, broken and tampering students.
const ROOT = resolve(__dirname, '..', '..');
const WORK = join(ROOT, 'build', 'grading-test');
const EDITION = join(WORK, 'edition');
const node = (script: string, args: string[], cwd = ROOT) =>
  spawnSync(process.execPath, [join(cwd, 'scripts', script), ...args], { cwd, encoding: 'utf8', timeout: 300_000 });
// Grading runs name the teacher's secret, so the tests never create .grading-secret here.
const grade = (args: string[]) => node('grade.mjs', [...args, '--seed', 'secreto-de-prueba']);

function replaceStub(file: string, id: string, body: string): void {
  const text = readFileSync(file, 'utf8');
  const pattern = new RegExp(`(// #region exercise ${id.replace('.', '\\.')}[^\\n]*\\n)[\\s\\S]*?(\\n[ \\t]*// #endregion exercise ${id.replace('.', '\\.')})`);
  if (!pattern.test(text)) throw new Error(`no region ${id} in ${file}`);
  writeFileSync(file, text.replace(pattern, `$1${body}$2`));
}

/** A student's copy: the student edition's lib/ and test/ (which the grader must ignore). */
function student(name: string): string {
  const dir = join(WORK, 'roster', name);
  mkdirSync(dir, { recursive: true });
  cpSync(join(EDITION, 'lib'), join(dir, 'lib'), { recursive: true });
  cpSync(join(EDITION, 'test'), join(dir, 'test'), { recursive: true });
  return dir;
}

beforeAll(() => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const release = node('release.mjs', ['--out', EDITION, '--exercises', '00']);
  expect(release.status, release.stderr).toBe(0);
  symlinkSync(join(ROOT, 'node_modules'), join(EDITION, 'node_modules'), 'dir');
}, 120_000);

describe('student edition', () => {
  it('stubs the selected exercises with a Spanish error and leaves out hidden checks', () => {
    const lib = readFileSync(join(EDITION, 'lib', 'availability', 'availability.ts'), 'utf8');
    expect(lib).toContain('Ejercicio 00.1 sin resolver: Disponibilidad con N réplicas independientes');
    expect(lib).not.toContain('return 1 - (1 - a) ** n;');
    expect(() => readFileSync(join(EDITION, 'test', 'exercises', '00-introduccion.hidden.test.ts'))).toThrow();
    expect(() => readFileSync(join(EDITION, '.grading-secret'))).toThrow();
    // Files holding reference solutions are teacher only.
    for (const file of ['test/fixtures/hostile/attacks.ts', 'test/kit/hostile.test.ts', 'test/kit/grading.test.ts']) expect(() => readFileSync(join(EDITION, file)), file).toThrow();
    expect(readFileSync(join(EDITION, 'course.md'), 'utf8')).toBe(readFileSync(join(ROOT, 'course.md'), 'utf8'));
    expect(JSON.parse(readFileSync(join(EDITION, '.kit-edition.json'), 'utf8')).exercises).toEqual(['00.1', '00.2', '00.3']);
  });

  it('typechecks', () => {
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json'], { cwd: EDITION, encoding: 'utf8' });
    expect(tsc.status, tsc.stdout).toBe(0);
  }, 240_000);

  it('fails its public checks exactly on the stubbed exercises, and says they are public', () => {
    const check = node('check.mjs', ['all', '--json'], EDITION);
    expect(check.status, check.stderr).toBe(0);
    const report = JSON.parse(check.stdout) as { kind: string; exercises: { id: string; earned: number; points: number }[] };
    expect(report.kind).toBe('public checks');
    for (const e of report.exercises) {
      if (e.id.startsWith('00.')) expect(e.earned, e.id).toBe(0);
      else expect(e.earned, e.id).toBe(e.points);
    }
    const text = node('check.mjs', ['00'], EDITION).stdout;
    expect(text).toContain('Pista:');
    expect(text).toContain('comprobaciones públicas');
    expect(text).not.toMatch(/all tests passed|todas las pruebas/i);
  });

  it('runs its notebook to the last cell, the cells that need an unsolved exercise naming it', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'run-notebooks.mjs'), '--out', join(WORK, 'executed'),
      join(EDITION, 'notebooks', '00-introduccion.ipynb')], { cwd: EDITION, encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const executed = readFileSync(join(WORK, 'executed', '00-introduccion.ipynb'), 'utf8');
    expect(executed).toMatch(/Ejercicio 00\.\d sin resolver/);
  }, 300_000);
});

const HEADER = 'alumno,00.1,00.2,00.3,total,maximo,observaciones\n';
const ROSTER_CSV = `${HEADER}ana,2,0,0,2,5,\nbeto,0,2,0,2,5,\ncarla,2,2,1,5,5,\nedicion,0,0,0,0,5,\nreferencia,2,2,1,5,5,\n`;

describe('grader', () => {
  // One roster (the reference, the untouched edition, a tamperer, a crasher with an endless
  // loop and a good student), graded in two shards as the Kubernetes Indexed Job does.
  const shards = ['0/2', '1/2'].map((_, i) => join(WORK, `grades-shard-${i}`));

  beforeAll(() => {
    const ana = student('ana');
    replaceStub(join(ana, 'lib', 'availability', 'availability.ts'), '00.1', '  return 1 - (1 - a) ** n;');
    replaceStub(join(ana, 'lib', 'fanout', 'fanout.ts'), '00.2', '  return -1;');
    // Tampering: delete the public checks and add a test that "passes" everything.
    rmSync(join(ana, 'test', 'exercises', '00-introduccion.public.test.ts'));
    writeFileSync(join(ana, 'test', 'exercises', '00-trampa.public.test.ts'),
      "import { it } from 'vitest';\nit('[00.2] trampa {100}', () => {});\nit('[00.3] trampa {100}', () => {});\n");

    const beto = student('beto');
    replaceStub(join(beto, 'lib', 'availability', 'availability.ts'), '00.1', '  while (a >= 0) { n += 0; }\n  return a;');
    replaceStub(join(beto, 'lib', 'fanout', 'fanout.ts'), '00.2',
      "  return mode === 'secuencial' ? latenciesMs.reduce((s, x) => s + x, 0) : latenciesMs.reduce((m, x) => Math.max(m, x), 0);");
    replaceStub(join(beto, 'lib', 'availability', 'availability.ts'), '00.3', "  throw new TypeError('me he rendido');");

    const carla = student('carla');
    cpSync(join(ROOT, 'lib'), join(carla, 'lib'), { recursive: true });
    student('edicion');
    cpSync(join(ROOT, 'lib'), join(student('referencia'), 'lib'), { recursive: true });

    ['0/2', '1/2'].forEach((shard, i) => {
      const run = grade([join(WORK, 'roster'), '--exercises', '00', '--out', shards[i]!, '--time-limit', '8', '--jobs', '2', '--shard', shard]);
      expect(run.status, run.stderr).toBe(0);
    });
  }, 300_000);

  it('grades each shard: students in name order, round robin', () => {
    const lines = ROSTER_CSV.split('\n').slice(1, -1);
    expect(readFileSync(join(shards[0]!, 'gradebook.csv'), 'utf8')).toBe(HEADER + [lines[0], lines[2], lines[4]].join('\n') + '\n');
    expect(readFileSync(join(shards[1]!, 'gradebook.csv'), 'utf8')).toBe(HEADER + [lines[1], lines[3]].join('\n') + '\n');
  });

  it('merges the shards into the whole gradebook: reference full marks, edition zero, tampering useless', () => {
    const merged = join(WORK, 'grades-merged');
    const merge = grade(['--merge', ...shards, '--out', merged]);
    expect(merge.status, merge.stderr).toBe(0);
    expect(readFileSync(join(merged, 'gradebook.csv'), 'utf8')).toBe(ROSTER_CSV);
    const twice = grade(['--merge', shards[0]!, shards[0]!, '--out', join(WORK, 'grades-bad-merge')]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/in two shards/);
    expect(grade([join(WORK, 'roster'), '--shard', '2/2']).stderr).toMatch(/--shard wants i\/n/);
  });

  it('explains a time out and a failure in Spanish without leaking hidden test code or stack traces', () => {
    const betoReport = JSON.parse(readFileSync(join(shards[1]!, 'beto', 'report.json'), 'utf8'));
    expect(betoReport.exercises[0].error).toMatch(/tiempo agotado/);
    const betoHtml = readFileSync(join(shards[1]!, 'beto', 'report.html'), 'utf8');
    expect(betoHtml).toContain('tiempo agotado');
    expect(betoHtml).toContain('Pista:');
    expect(betoHtml).toContain('tu código lanzó TypeError: me he rendido');
    for (const [shard, name] of [[0, 'ana'], [1, 'beto'], [0, 'carla']] as const) {
      const page = readFileSync(join(shards[shard]!, name, 'report.html'), 'utf8');
      expect(page).not.toMatch(/\bat .*\.ts:\d+|expect\(|checkSeed|node_modules/);
    }
  });

  it('gives the same submission the same score, also with --unsafe (no sandbox, with a warning)', () => {
    const again = grade([join(WORK, 'roster', 'carla'), '--exercises', '00', '--out', join(WORK, 'grades-again'), '--unsafe']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/SIN entorno aislado/);
    expect(readFileSync(join(WORK, 'grades-again', 'gradebook.csv'), 'utf8')).toBe(`${HEADER}carla,2,2,1,5,5,\n`);
  });

  it('refuses to grade without the sandbox, saying why in Spanish and English', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'grade.mjs'), join(WORK, 'roster'), '--seed', 'x', '--out', join(WORK, 'grades-refused')],
      { cwd: ROOT, encoding: 'utf8', env: { PATH: '/nonexistent' } });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/se niega a corregir sin entorno aislado/);
    expect(run.stderr).toMatch(/missing bwrap, prlimit, setpriv/);
    expect(run.stderr).toMatch(/--unsafe/);
  });
});
