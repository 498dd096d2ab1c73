// A control group per sandbox: one memory limit and one process limit for the sandbox's whole
// process tree, which per-process rlimits cannot give (RLIMIT_AS × RLIMIT_NPROC is a bound,
// not a budget). Both cgroup layouts are handled: v2 (a unified hierarchy whose root lists
// the `memory` and `pids` controllers) and v1 (separate `memory` and `pids` hierarchies).
// Where neither is writable (not root, no controllers), `createCgroup` returns undefined and
// the sandbox keeps its rlimits only; `cgroupUnavailable()` says why.
//
// The sandbox joins its group race-free: the command is wrapped in `sh -c 'echo $$ >
// …/cgroup.procs; exec "$@"'`, so the shell moves itself in before it execs the sandbox, and
// every process the sandbox forks afterwards is born inside the group.
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = '/sys/fs/cgroup';

/** This process's own group in the v1 hierarchy of `controller` ('/' when unknown). */
function ownGroup(controller) {
  try {
    for (const line of readFileSync('/proc/self/cgroup', 'utf8').split('\n')) {
      const [, controllers, path] = line.split(':');
      if (controllers?.split(',').includes(controller) && path) return path;
    }
  } catch {
    // no /proc/self/cgroup
  }
  return '/';
}

/**
 * Which layout this machine offers for memory + pids, or a reason why none. In v1 the
 * sandboxes' groups nest under the grader's own (so whatever limits the grader's container
 * has still hold for them); v2 forbids children under a group that has processes, so there
 * they go under the root.
 */
function detect() {
  try {
    const controllers = readFileSync(join(ROOT, 'cgroup.controllers'), 'utf8').split(/\s+/);
    if (controllers.includes('memory') && controllers.includes('pids')) return { version: 2, parents: [ROOT] };
  } catch {
    // not a v2 root
  }
  const parent = (controller) => {
    const nested = join(ROOT, controller, ownGroup(controller));
    return existsSync(join(nested, 'cgroup.procs')) ? nested : join(ROOT, controller);
  };
  const memory = parent('memory');
  const pids = parent('pids');
  // cpuacct, where mounted, gives the group's CPU time (the per-exercise CPU budget).
  const cpuacct = parent('cpuacct');
  const accounting = existsSync(join(cpuacct, 'cgroup.procs')) ? [cpuacct] : [];
  if (existsSync(join(memory, 'cgroup.procs')) && existsSync(join(pids, 'cgroup.procs'))) return { version: 1, parents: [memory, pids, ...accounting] };
  return { reason: 'no cgroup memory/pids controllers under /sys/fs/cgroup' };
}

let detected;
const layout = () => (detected ??= detect());

/** Why per-sandbox cgroups cannot be used here, or undefined when they can. */
export function cgroupUnavailable() {
  const found = layout();
  if (found.reason) return found.reason;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'cgroups need root';
  const probe = createCgroup(`kit-grade-probe-${process.pid}`, { memoryBytes: 64 * 1024 * 1024, processes: 4 });
  if (!probe) return 'cannot create a cgroup under /sys/fs/cgroup';
  probe.destroy();
  return undefined;
}

/**
 * Creates the group `name` with a memory limit (bytes, swap included where the kernel counts
 * it) and a process limit; returns undefined when that is not possible here.
 */
export function createCgroup(name, { memoryBytes, processes }) {
  const found = layout();
  if (found.reason) return undefined;
  const dirs = found.parents.map((parent) => join(parent, name));
  try {
    for (const dir of dirs) mkdirSync(dir, { recursive: true });
    if (found.version === 2) {
      const [dir] = dirs;
      writeFileSync(join(dir, 'memory.max'), String(memoryBytes));
      if (existsSync(join(dir, 'memory.swap.max'))) writeFileSync(join(dir, 'memory.swap.max'), '0');
      writeFileSync(join(dir, 'pids.max'), String(processes));
    } else {
      const [memory, pids] = dirs;
      writeFileSync(join(memory, 'memory.limit_in_bytes'), String(memoryBytes));
      // memsw exists only with swap accounting; where it does, swap counts against the limit too.
      if (existsSync(join(memory, 'memory.memsw.limit_in_bytes'))) writeFileSync(join(memory, 'memory.memsw.limit_in_bytes'), String(memoryBytes));
      writeFileSync(join(pids, 'pids.max'), String(processes));
    }
  } catch {
    for (const dir of dirs) removeGroup(dir);
    return undefined;
  }
  const procsFiles = dirs.map((dir) => join(dir, 'cgroup.procs'));
  return {
    name,
    /** The group's folders, one per hierarchy. */
    dirs,
    /** Wraps `command args` so the process joins this group before it runs. */
    wrap(command, args) {
      const joins = procsFiles.map((file) => `echo $$ > '${file}'`).join(' && ');
      return { command: 'sh', args: ['-c', `${joins} && exec "$@"`, 'sh', command, ...args] };
    },
    /**
     * CPU time, in ms, that every process and thread of the group has used so far (v2:
     * cpu.stat's usage_usec; v1: cpuacct.usage), or undefined where it is not accounted.
     */
    cpuMs() {
      try {
        if (found.version === 2) {
          const usec = /^usage_usec (\d+)$/m.exec(readFileSync(join(dirs[0], 'cpu.stat'), 'utf8'))?.[1];
          return usec === undefined ? undefined : Number(usec) / 1000;
        }
        if (dirs.length < 3) return undefined;
        const ns = Number(readFileSync(join(dirs[2], 'cpuacct.usage'), 'utf8'));
        return Number.isFinite(ns) ? ns / 1e6 : undefined;
      } catch {
        return undefined;
      }
    },
    /** Pids still in the group (the sandbox's leftovers). */
    pids() {
      try {
        return readFileSync(procsFiles[0], 'utf8').split('\n').filter(Boolean).map(Number);
      } catch {
        return [];
      }
    },
    /** Kills whatever is left in the group and removes it. */
    destroy() {
      for (const pid of this.pids()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      for (const dir of dirs) removeGroup(dir);
    },
  };
}

/** Removes an (empty) group; a group whose last process is still exiting is retried briefly. */
function removeGroup(dir) {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      if (!existsSync(dir)) return;
      rmdirSync(dir);
      return;
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}
