// @real-io: starts, signals and finds node processes.
/**
 * Node processes: how one is started (`node --require tsx/cjs child-main.ts`, in its own
 * process group, with an IPC channel), how it is signalled (the whole group, so nothing it
 * started survives), and how leftovers are found (by the marker on their command line).
 *
 * No process is left behind: `stop()` kills every group; an `exit` handler in the launcher's
 * process kills whatever is still running; if the launcher dies without running it (SIGKILL,
 * a crash), each node sees its IPC channel close and exits, and the reaper (a watchdog
 * process, see `reaper.ts`) kills every group still alive, paused ones included.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reaperWatch } from './reaper';
import { PROCESS_MARKER } from './wire';

/** The entry script of every node process (next to this file, also when loaded through a symlink). */
export function childMainPath(): string {
  for (const name of ['child-main.ts', 'child-main.js']) {
    const path = join(__dirname, name);
    if (existsSync(path)) return path;
  }
  throw new Error(`lib/runtime: no encuentro child-main.ts en ${__dirname}`);
}

/** tsx's CommonJS hook, which lets a plain `node` load TypeScript files. */
export function tsxHookPath(): string {
  try {
    return require.resolve('tsx/cjs');
  } catch {
    throw new Error('lib/runtime necesita el paquete tsx (devDependency del curso): ejecuta "npm install"');
  }
}

/** Starts one node process with its config in `env`, marked with `tag` on its command line. */
export function startNodeProcess(options: { tag: string; id: string; env: NodeJS.ProcessEnv; nodeArgs?: readonly string[] }): ChildProcess {
  return fork(childMainPath(), [`${PROCESS_MARKER}${options.tag}`, options.id], {
    execPath: process.execPath,
    // Only tsx: the launcher's own flags (a test runner's, a debugger's) are not the node's.
    execArgv: [...(options.nodeArgs ?? []), '--require', tsxHookPath()],
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Its own process group: signals reach everything it starts, and a paused group whose
    // launcher died is orphaned and ended by the kernel (see above).
    detached: true,
  });
}

/** Sends `signal` to the process group of `child` (falls back to the process alone); false if it is gone. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  const pid = child.pid;
  if (pid === undefined) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      return child.kill(signal);
    } catch {
      return false;
    }
  }
}

/** Children to kill if the launcher's process exits first. */
const living = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Tracks `child` until it exits; the launcher's `exit` handler kills it if it is still alive then. */
export function track(child: ChildProcess): void {
  const pid = child.pid;
  living.add(child);
  if (pid !== undefined) reaperWatch(pid, true);
  child.once('exit', () => {
    living.delete(child);
    if (pid !== undefined) reaperWatch(pid, false);
  });
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const c of living) signalGroup(c, 'SIGKILL');
  });
}

/** A node process found on this machine: its pid, its cluster tag and its node id. */
export interface RuntimeProcess {
  readonly pid: number;
  readonly tag: string;
  readonly node: string;
}

/**
 * Every node process on this machine (Linux: read from `/proc`), or only those whose cluster
 * tag starts with `tagPrefix`. Cluster tags start with the launcher's pid (`<pid>.<n>`), so
 * `runtimeProcesses(`${process.pid}.`)` lists this process's leftovers. Zombies (dead, not yet
 * reaped) are not listed. Returns `undefined` where `/proc` does not exist.
 */
export function runtimeProcesses(tagPrefix = ''): RuntimeProcess[] | undefined {
  if (!existsSync('/proc/self/cmdline')) return undefined;
  const found: RuntimeProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const index = args.findIndex((a) => a.startsWith(PROCESS_MARKER));
    if (index < 0) continue;
    const tag = (args[index] as string).slice(PROCESS_MARKER.length);
    if (tag.startsWith(tagPrefix)) found.push({ pid: Number(entry), tag, node: args[index + 1] ?? '' });
  }
  return found;
}
