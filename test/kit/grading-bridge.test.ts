// The grading bridge with real sandboxes: what happens around a sandbox's renewal (going
// from hidden checks to public ones). Needs bubblewrap and root, as grading does.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript modules of the grader
import { serveBridge } from '../../scripts/lib/grading-bridge.mjs';
// @ts-expect-error plain JavaScript modules of the grader
import { Sandbox, freeUid, processesOf, sandboxCommand, sandboxUnavailable } from '../../scripts/lib/grading-sandbox.mjs';
import { cgroupUnavailable } from '../../scripts/lib/grading-cgroup.mjs';
import codec from '../../scripts/lib/grading-codec.cjs';

const unavailable = process.getuid?.() === 0 ? sandboxUnavailable() : 'not root';
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A sandbox root with the real runner and one lib file: `spin(ms)` busy-waits ms and returns ms. */
function kitRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'kit-bridge-'));
  dirs.push(root);
  chmodSync(root, 0o755); // read by the sandbox's unprivileged uid
  for (const file of ['grading-runner.cjs', 'grading-codec.cjs']) copyFileSync(join(__dirname, '..', '..', 'scripts', 'lib', file), join(root, file === 'grading-runner.cjs' ? 'runner.cjs' : file));
  mkdirSync(join(root, 'lib'));
  writeFileSync(join(root, 'lib', 'spin.js'), [
    'exports.spin = (ms) => { const end = Date.now() + ms; while (Date.now() < end); return ms; };',
    // The same busy loop in a child process: its CPU is the student's too.
    "exports.child = (ms) => require('node:child_process').spawnSync(process.execPath, ['-e', 'for (;;) {}'], { timeout: ms }).status;",
    '',
  ].join('\n'));
  return root;
}

/** Sends one call line on the bridge's socket and resolves with the answer line, parsed. */
function call(socketPath: string, args: unknown[], scope: string, exercise = '99.1'): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      buffer += chunk;
      const nl = buffer.indexOf('\n');
      if (nl >= 0) {
        socket.destroy();
        resolve(JSON.parse(buffer.slice(0, nl)));
      }
    });
    socket.on('error', reject);
    socket.write(`${JSON.stringify({ exercise, args: codec.encode(args), scope })}\n`);
  });
}

describe.skipIf(unavailable !== undefined)('the grading bridge around a sandbox renewal', () => {
  it('does not kill the new sandbox while the old one is being stopped (both run as the same uid)', async () => {
    const root = kitRoot();
    const uid = freeUid(process.pid, 7);
    const socketPath = join(root, 'bridge.sock');
    const bridge = serveBridge({
      socketPath,
      startSandbox: () => new Sandbox({ ...sandboxCommand({ root, uid, cpuSeconds: 60, cpu: 0 }), uid }),
      located: new Map([['99.1', { id: '99.1', file: 'spin.ts' }]]),
      exportName: () => 'spin',
      budgetMs: 30_000,
    });
    await bridge.listening;
    try {
      const hidden = await call(socketPath, [1], 'test/exercises/99-x.hidden.test.ts');
      expect(hidden, JSON.stringify(hidden)).toMatchObject({ ok: true });
      // A public check right after: the sandbox is renewed. The call outlasts the 5 s the
      // old sandbox's stop() waits for its uid's processes before killing them all.
      const publicCall = await call(socketPath, [6_500], 'test/exercises/99-x.public.test.ts');
      expect(publicCall, `the renewed sandbox died mid-call: ${JSON.stringify(publicCall)}`).toMatchObject({ ok: true });
      expect(codec.decode(String(publicCall.result))).toBe(6_500);
      expect(bridge.scopes).toBe(1);
      expect(bridge.diagnostics().events).toEqual([]);
    } finally {
      await bridge.close();
    }
    expect(processesOf(uid)).toEqual([]);
  }, 40_000);

  const withGroup = cgroupUnavailable() === undefined;
  it.each([
    ['a busy loop in the runner', '99.1', true],
    ['a busy loop in a child process (counted through the cgroup)', '99.2', withGroup],
  ])('stops %s once it has used its CPU budget, long before the wall-clock one', async (_what, exercise, applies) => {
    if (!applies) return;
    const root = kitRoot();
    const uid = freeUid(process.pid % 20_000, 9);
    const socketPath = join(root, 'bridge.sock');
    const bridge = serveBridge({
      socketPath,
      startSandbox: () => new Sandbox({ ...sandboxCommand({ root, uid, cpuSeconds: 60, cpu: 0 }), uid, ...(withGroup ? { cgroup: { memoryBytes: 512 * 1024 * 1024, processes: 64 } } : {}) }),
      located: new Map([['99.1', { id: '99.1', file: 'spin.ts' }], ['99.2', { id: '99.2', file: 'spin.ts' }]]),
      exportName: (id: string) => (id === '99.1' ? 'spin' : 'child'),
      budgetMs: 1_000,
      wallMs: 60_000,
    });
    await bridge.listening;
    try {
      const answer = await call(socketPath, [50_000], 'test/exercises/99-x.public.test.ts', exercise);
      expect(answer, JSON.stringify(answer)).toMatchObject({ ok: false, timeout: true });
      const { events, cpuMs, wallMs } = bridge.diagnostics();
      expect(events.map((e: { what: string }) => e.what), JSON.stringify(events)).toEqual(['CPU budget spent']);
      expect(cpuMs[exercise]).toBeGreaterThanOrEqual(1_000);
      // Stopped by CPU, not by the 60 s wall clock (50 s of spinning were asked for).
      expect(wallMs[exercise]).toBeLessThan(50_000);
    } finally {
      await bridge.close();
    }
    expect(processesOf(uid)).toEqual([]);
  }, 90_000);
});
