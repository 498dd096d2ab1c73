import { spawn, spawnSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { createSocket } from 'node:dgram';
import type { Socket as UdpSocket } from 'node:dgram';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import type { Server } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExercises, stubRegions } from '../../scripts/lib/exercises.mjs';
import { FIRST_HONEST, LAST_HONEST, attacks } from '../fixtures/hostile/attacks';
import type { Attack } from '../fixtures/hostile/attacks';

// The hostile suite of issue 10: one roster with every attack (test/fixtures/hostile) and
// honest students before and after them, graded in ONE grader run with --jobs 2; then each
// row, the reports, the teacher's checkout, the processes left and a loopback listener are
// checked. Needs bubblewrap (the grader refuses to run without it).
const ROOT = resolve(__dirname, '..', '..');
const WORK = join(ROOT, 'build', 'hostile-test');
const ROSTER = join(WORK, 'roster');
const OUT = join(WORK, 'grades');
const SECRET = 'secreto-de-la-prueba-hostil';
const MARKER = `HOSTILE-MARK-${process.pid}`;
const exercises = findExercises(ROOT).filter((e) => e.id.startsWith('00.'));
const points = new Map(exercises.map((e) => [e.id, e.points]));

/** Files an attacker aims at, and the ones the grader depends on: each one's hash. */
function checkoutHashes(): Record<string, string> {
  const files = [
    'node_modules/.package-lock.json', 'node_modules/vitest/package.json', 'node_modules/chai/package.json',
    'package.json', 'package-lock.json', 'tsconfig.json', 'vitest.config.mts', 'test/exercises/check.ts', 'scripts/grade.mjs',
    ...readdirSync(join(ROOT, 'scripts', 'lib')).map((f) => `scripts/lib/${f}`),
    ...readdirSync(join(ROOT, 'test', 'exercises')).map((f) => `test/exercises/${f}`),
    ...exercises.flatMap((e) => e.files),
    '.grading-secret',
  ];
  // And the whole checkout as git sees it: every tracked file, and the list of files git does
  // not track nor ignore (a file an attacker creates shows up there), plus node_modules' entries.
  const git = (args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout ?? '';
  files.push(...git(['ls-files', '-z']).split('\0').filter(Boolean));
  const hashes: Record<string, string> = {};
  const hash = (path: string) => (existsSync(path) && statSync(path).isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent');
  for (const file of [...new Set(files)].sort()) hashes[file] = hash(join(ROOT, file));
  hashes['(untracked files)'] = git(['status', '--porcelain', '--untracked-files=all']);
  // (vitest's own caches, .vite and .vite-temp, may appear while other test files run.)
  hashes['(node_modules entries)'] = readdirSync(join(ROOT, 'node_modules')).filter((e) => !e.startsWith('.vite')).sort().join(' ');
  // Other students' submissions, too.
  for (const file of exercises.flatMap((e) => e.files)) hashes[`roster/${LAST_HONEST}/${file}`] = hash(join(ROSTER, LAST_HONEST, file));
  return hashes;
}

function writeSubmission(attack: Attack): void {
  const dir = join(ROSTER, attack.name);
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'lib'), join(dir, 'lib'), { recursive: true });
  for (const file of new Set(findExercises(ROOT).flatMap((e) => e.files).filter((f) => f.startsWith('lib/')))) {
    const path = join(dir, file);
    let text = stubRegions(readFileSync(path, 'utf8'), () => true, file).text;
    for (const [id, body] of Object.entries(attack.regions ?? {})) {
      const pattern = new RegExp(`(// #region exercise ${id.replace('.', '\\.')}[^\\n]*\\n)[\\s\\S]*?(\\n[ \\t]*// #endregion exercise ${id.replace('.', '\\.')})`);
      text = text.replace(pattern, (_, begin: string, end: string) => `${begin}${body}${end}`);
    }
    writeFileSync(path, text);
  }
  attack.setup?.(dir);
}

const markedProcesses = () =>
  readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(MARKER);
    } catch {
      return false;
    }
  });
const uidProcesses = (uids: number[]) =>
  readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1]);
      return uids.includes(uid);
    } catch {
      return false;
    }
  });

let list: Attack[] = [];
let tcp: Server;
let udp: UdpSocket;
let arrived = 0;
let before: Record<string, string> = {};
let after: Record<string, string> = {};
let grader: { status: number | null; stdout: string; stderr: string; pid: number };
let reports = new Map<string, { earned: number; possible: number; invalid?: string; exercises: { id: string; earned: number; points: number; error?: string; note?: string; checks: { hint?: string; reason?: string }[] }[] }>();
let honestRightAfter = '';
let leftover: string[] = [];
let leftoverUids: string[] = [];

beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(ROSTER, { recursive: true });
  tcp = createServer((socket) => {
    arrived += 1;
    socket.destroy();
  });
  await new Promise<void>((done) => tcp.listen(0, '127.0.0.1', done));
  const port = (tcp.address() as { port: number }).port;
  udp = createSocket('udp4');
  udp.on('message', () => (arrived += 1));
  await new Promise<void>((done) => udp.bind(port, '127.0.0.1', done));
  // The listener counts: a connection from here (outside any sandbox) arrives.
  await new Promise<void>((done) => {
    const control = connect(port, '127.0.0.1', () => {
      control.destroy();
      done();
    });
  });
  await new Promise((done) => setTimeout(done, 100));
  expect(arrived, 'the control connection reaches the listener').toBe(1);
  arrived = 0;

  list = attacks({ root: ROOT, out: OUT, roster: ROSTER, port, marker: MARKER });
  for (const attack of list) writeSubmission(attack);
  before = checkoutHashes();
  grader = await new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'grade.mjs'), ROSTER, '--exercises', '00', '--out', OUT, '--time-limit', '8', '--jobs', '2', '--seed', SECRET], { cwd: ROOT, env: { ...process.env, KIT_SPLICE_TIMEOUT_MS: '6000' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (status) => done({ status, stdout, stderr, pid: child.pid ?? 0 }));
  });
  honestRightAfter = existsSync(join(OUT, FIRST_HONEST, 'report.json')) ? readFileSync(join(OUT, FIRST_HONEST, 'report.json'), 'utf8') : '';
  // Give a daemon that escaped time to do harm, then look.
  await new Promise((done) => setTimeout(done, 1000));
  leftover = markedProcesses();
  const uidBase = 100_000 + (grader.pid % 20_000) * 64;
  leftoverUids = uidProcesses([uidBase, uidBase + 1]);
  after = checkoutHashes();
  for (const attack of list) {
    const file = join(OUT, attack.name, 'report.json');
    if (existsSync(file)) reports.set(attack.name, JSON.parse(readFileSync(file, 'utf8')));
  }
}, 240_000);

afterAll(async () => {
  for (const pid of markedProcesses()) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // Gone.
    }
  }
  tcp?.close();
  udp?.close();
  // The sparse file and FIFOs are not worth keeping.
  rmSync(ROSTER, { recursive: true, force: true });
}, 60_000);

describe('a roster of hostile submissions, graded in one run with --jobs 2', () => {
  it('finishes with every student graded', () => {
    expect(grader.status, grader.stderr).toBe(0);
    expect(grader.stdout).toMatch(new RegExp(`grade: ${list.length} submission\\(s\\)`));
  });

  it('gives each submission the score it deserves', () => {
    for (const attack of list) {
      const report = reports.get(attack.name);
      if (attack.name.startsWith('=')) continue; // checked with the CSV below
      expect(report, `report of ${attack.name}`).toBeDefined();
      if (attack.deserves === 'invalid') {
        expect(report!.invalid, `${attack.name} is an invalid submission`).toBeTruthy();
        expect(report!.earned, attack.name).toBe(0);
        continue;
      }
      const deserved = attack.deserves;
      const got = Object.fromEntries(report!.exercises.map((e) => [e.id, e.earned]));
      const want = Object.fromEntries(exercises.map((e) => [e.id, deserved[e.id] === 'full' ? points.get(e.id) : deserved[e.id] ?? 0]));
      expect(got, `${attack.name} (seed=${SECRET})`).toEqual(want);
    }
  });

  it('keeps full marks for the honest students graded before and after the attackers', () => {
    for (const name of [FIRST_HONEST, LAST_HONEST]) {
      expect(reports.get(name)!.earned).toBe(reports.get(name)!.possible);
    }
    // Same submission, same score (and report), whoever is graded around it.
    expect(reports.get(FIRST_HONEST)!.exercises).toEqual(reports.get(LAST_HONEST)!.exercises);
  });

  it('names the reason of an invalid submission, a time out and a syntax error', () => {
    expect(reports.get('attack-lib-symlink')!.invalid).toMatch(/enlace simbólico/);
    expect(reports.get('attack-fifo-in-lib')!.invalid).toMatch(/FIFO/);
    expect(reports.get('attack-lib-is-a-file')!.invalid).toMatch(/lib es un archivo/);
    expect(reports.get('attack-no-lib')!.invalid).toMatch(/no hay carpeta lib/);
    expect(reports.get('attack-deep-paths')!.invalid).toMatch(/niveles/);
    expect(reports.get('attack-long-path')!.invalid).toMatch(/demasiado larga/);
    expect(reports.get('attack-sparse-giant')!.invalid).toMatch(/ocupa \d+ bytes/);
    expect(reports.get('attack-slow-compile')!.invalid).toMatch(/tarda demasiado en compilar \(más de 6 s\)/);
    expect(reports.get('attack-endless-loop')!.exercises[0]!.error).toMatch(/tiempo agotado/);
    expect(reports.get('syntax-error')!.exercises[0]!.note).toMatch(/no compila/);
  });

  it('shows a student\'s error only as bounded text marked as theirs: no seed, secret or hidden check leaks', () => {
    const text = readFileSync(join(OUT, 'attack-exfiltrate', 'report.json'), 'utf8') + readFileSync(join(OUT, 'attack-exfiltrate', 'report.html'), 'utf8');
    const seed = createHmac('sha256', SECRET).update('attack-exfiltrate').digest('hex').slice(0, 24);
    expect(text).not.toContain(seed);
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/checkSeed|createRng|KIT_GRADING_SEED|KIT_BRIDGE/);
    const checks = reports.get('attack-exfiltrate')!.exercises[0]!.checks;
    const reasons = checks.map((c) => c.reason).filter(Boolean) as string[];
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) {
      expect(reason).toMatch(/tu código lanzó/);
      expect(reason.length).toBeLessThanOrEqual(401);
    }
    // The student's "Pista:" did not become the hint.
    for (const c of checks) expect(c.hint ?? '').not.toMatch(/copia esto/);
  });

  it('renews the sandbox after the hidden checks: their inputs never reach a public check\'s message', () => {
    const checks = (reports.get('attack-remember-inputs')!.exercises[0]!.checks as { visibility?: string; reason?: string }[]).filter((c) => c.visibility === 'public');
    const counts = checks.map((c) => Number(/llamadas=(\d+)/.exec(c.reason ?? '')?.[1]));
    expect(counts.length).toBeGreaterThan(0);
    // Each public check fails at its first call; the hidden checks make dozens of calls.
    for (const count of counts) expect(count).toBeLessThanOrEqual(3 * checks.length);
  });

  it('writes a gradebook safe for spreadsheets', () => {
    const csv = readFileSync(join(OUT, 'gradebook.csv'), 'utf8');
    expect(csv).toContain("\n'=1+2,0,0,0,0,");
    expect(csv).not.toMatch(/\n[=+\-@]/);
  });

  it('leaves the teacher\'s checkout, other students\' submissions and their reports byte-identical', () => {
    expect(after).toEqual(before);
    expect(honestRightAfter).toContain('"earned"');
    expect(readFileSync(join(OUT, FIRST_HONEST, 'report.json'), 'utf8')).toBe(honestRightAfter);
    expect(readFileSync(join(OUT, 'gradebook.csv'), 'utf8')).not.toContain('forjado');
    expect(statSync(join(OUT, 'gradebook.csv')).isFile()).toBe(true);
  });

  it('leaves no process behind', () => {
    expect(leftover, 'processes started by the submissions').toEqual([]);
    expect(leftoverUids, 'processes of the sandboxes\' uids').toEqual([]);
  });

  it('lets nothing reach the host\'s loopback', () => {
    expect(arrived, 'connections or datagrams that reached 127.0.0.1 from a sandbox').toBe(0);
  });
});
