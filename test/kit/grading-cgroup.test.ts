import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cgroupUnavailable, createCgroup } from '../../scripts/lib/grading-cgroup.mjs';

// One cgroup per sandbox bounds the memory and the processes of its whole tree. CI runs as
// root, where cgroups are writable; elsewhere these tests say why they are skipped.
const why: string | undefined = cgroupUnavailable();

describe.skipIf(why !== undefined)(`per-sandbox cgroup${why ? ` (skipped: ${why})` : ''}`, () => {
  it('kills a tree that allocates past its memory budget, and leaves no group behind', () => {
    const group = createCgroup(`kit-grade-test-${process.pid}-mem`, { memoryBytes: 128 * 1024 * 1024, processes: 16 });
    if (group === undefined) throw new Error('cgroup not created');
    const hog = 'const a = []; for (let i = 0; i < 100; i++) a.push(Buffer.alloc(10 * 1024 * 1024, 1)); console.log("1 GB")';
    const { command, args } = group.wrap(process.execPath, ['-e', hog]);
    const run = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
    group.destroy();
    expect(run.stdout).not.toContain('1 GB');
    expect(run.signal).toBe('SIGKILL');
    expect(group.dirs.length).toBeGreaterThan(0);
    for (const dir of group.dirs) expect(existsSync(dir), dir).toBe(false);
  });

  it('refuses forks past its process budget', () => {
    const group = createCgroup(`kit-grade-test-${process.pid}-pids`, { memoryBytes: 256 * 1024 * 1024, processes: 6 });
    if (group === undefined) throw new Error('cgroup not created');
    const { command, args } = group.wrap('sh', ['-c', 'for i in 1 2 3 4 5 6 7 8 9 10; do sleep 2 & done; wait; echo all']);
    const run = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
    group.destroy();
    expect(run.stderr).toMatch(/fork/i);
    expect(run.stdout).not.toContain('all');
  });

  it('lets a well-behaved process run and finish normally', () => {
    const group = createCgroup(`kit-grade-test-${process.pid}-ok`, { memoryBytes: 256 * 1024 * 1024, processes: 32 });
    if (group === undefined) throw new Error('cgroup not created');
    const { command, args } = group.wrap(process.execPath, ['-e', 'console.log(6 * 7)']);
    const run = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
    group.destroy();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('42');
  });
});
