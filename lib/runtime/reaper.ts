// @real-io: a watchdog process that kills node processes when the launcher dies.
/**
 * The reaper: one small watchdog process per launcher process. The launcher tells it, on its
 * stdin, the process group of every node it starts (`+pid`) and ends (`-pid`); when that pipe
 * closes, because the launcher exited or was killed with SIGKILL, the reaper SIGKILLs every
 * group still listed and exits.
 *
 * The nodes also exit by themselves when their IPC channel closes, but a node stopped by
 * SIGSTOP runs nothing, so it cannot notice; and since each node is a session leader
 * (`detached`), the kernel's rule for orphaned stopped groups (SIGHUP + SIGCONT) does not
 * apply to it. The reaper is never paused, so it can.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/** The argument that marks the reaper on its command line (not a node: `runtimeProcesses` skips it). */
export const REAPER_MARKER = '--dsk-runtime-reaper=';

// Plain JavaScript (no TypeScript loader needed, so it starts in a few ms). It ignores the
// signals a terminal sends to the launcher's group, so a Ctrl-C cannot kill it first.
const REAPER_SOURCE = `
const groups = new Set();
for (const s of ['SIGINT', 'SIGHUP', 'SIGTERM', 'SIGQUIT']) process.on(s, () => undefined);
const killAll = () => { for (const pid of groups) { try { process.kill(-pid, 'SIGKILL'); } catch {} } process.exit(0); };
let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  const lines = buffer.split('\\n');
  buffer = lines.pop();
  for (const line of lines) {
    const pid = Number(line.slice(1));
    if (!Number.isInteger(pid) || pid <= 0) continue;
    if (line[0] === '+') groups.add(pid); else groups.delete(pid);
  }
});
process.stdin.on('end', killAll);
process.stdin.on('error', killAll);
`;

let reaper: ChildProcess | undefined;

function start(): ChildProcess {
  const child = spawn(process.execPath, ['-e', REAPER_SOURCE, '--', `${REAPER_MARKER}${process.pid}`], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  // Neither the process nor its pipe may keep the launcher's event loop alive.
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  child.stdin?.on('error', () => undefined);
  child.once('exit', () => {
    if (reaper === child) reaper = undefined;
  });
  return child;
}

/** Tells the reaper to watch (`true`) or forget (`false`) the process group `pid`. */
export function reaperWatch(pid: number, watch: boolean): void {
  reaper ??= start();
  reaper.stdin?.write(`${watch ? '+' : '-'}${pid}\n`);
}
