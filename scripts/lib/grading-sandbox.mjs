// The grading sandbox: bubblewrap (Debian's `bubblewrap`) under prlimit and setpriv.
// One sandbox per student: a node process that runs the student's exercise code and
// nothing else, with
// - its own user, network, PID, IPC, UTS and cgroup namespaces (--unshare-all): no network
//   but its own loopback, no process outside it visible or signalable, and every process
//   it starts dies with it (--die-with-parent, PID namespace);
// - a real unprivileged uid outside (setpriv --reuid, one uid per parallel slot, so the
//   process limit is the sandbox's own), nobody (65534) inside, no capabilities, no new
//   user namespaces inside (--disable-userns), a new session (no terminal injection);
// - read-only binds of exactly: the node binary and the libraries it links, the compiled
//   lib tree, the runner and its codec; nothing writable (/tmp is an empty read-only
//   folder, the root and /dev remounted read-only), so nothing can fill RAM and nothing
//   written can run as native code; an empty environment; a seccomp deny list of system
//   calls no exercise needs (grading-seccomp.mjs);
// - pinned to one CPU per parallel slot (taskset), and the runner kills its leftover
//   children after each call;
// - limits (prlimit): address space, CPU seconds, processes, open files, file size, no
//   core files; the grader adds a wall-clock budget per exercise and caps answers.
import { spawn, spawnSync } from 'node:child_process';
import { createCgroup } from './grading-cgroup.mjs';
import { closeSeccompFd, openSeccompFd, seccompProgram } from './grading-seccomp.mjs';
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';

/** Default limits of one sandbox. */
export const SANDBOX_LIMITS = { memoryMb: 256, groupMemoryMb: 512, groupProcesses: 64, addressSpaceMb: 2048, processes: 16, openFiles: 64, fileBytes: 1024 * 1024, answerBytes: 4 * 1024 * 1024 };

const TOOLS = ['bwrap', 'prlimit', 'setpriv'];
const which = (tool) => (spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout ?? '').trim();

let pinning;
/** Whether sandboxes can be pinned to a CPU (util-linux's taskset is installed). */
export const canPin = () => (pinning ??= Boolean(which('taskset')));

/** The CPUs this process may run on (/proc/self/status Cpus_allowed_list), in order. */
function allowedCpus() {
  let list = '';
  try {
    list = /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '';
  } catch {
    return [];
  }
  return list.split(',').flatMap((part) => {
    const [from, to = from] = part.split('-').map(Number);
    return Number.isInteger(from) && Number.isInteger(to) && to - from < 4096 ? Array.from({ length: to - from + 1 }, (_, i) => from + i) : [];
  });
}

/** The node binary and the shared libraries it links (ldd), as [source, destination] binds. */
export function nodeBinds(nodePath = process.execPath) {
  const binds = [[realpathSync(nodePath), nodePath]];
  const ldd = spawnSync('ldd', [nodePath], { encoding: 'utf8' });
  for (const line of (ldd.stdout ?? '').split('\n')) {
    const path = /(\/\S+)/.exec(line.replace(/^.*=>/, ''))?.[1];
    if (path && existsSync(path)) binds.push([realpathSync(path), path]);
  }
  return binds;
}

/**
 * The command that runs `script` (inside `/kit`, the bound `root`) in the sandbox.
 * `overlays` are extra [source, destination-under-/kit] file binds (the student's files).
 */
export function sandboxCommand({ root, overlays = [], uid, cpuSeconds, cpu, limits = SANDBOX_LIMITS, script = '/kit/runner.cjs' }) {
  const mb = 1024 * 1024;
  // `cpu` (a slot's number): pinned to one CPU, so what one student leaves running cannot
  // starve the student graded in parallel. Without taskset, not pinned (the probe says so).
  const cpus = allowedCpus();
  const pin = cpu !== undefined && canPin() && cpus.length > 0 ? ['taskset', '-c', String(cpus[cpu % cpus.length])] : [];
  const binds = nodeBinds().flatMap(([from, to]) => ['--ro-bind', from, to]);
  const files = overlays.flatMap(([from, to]) => ['--ro-bind', from, `/kit/${to}`]);
  return {
    command: pin[0] ?? 'setpriv',
    args: [
      ...pin.slice(1), ...(pin.length > 0 ? ['setpriv'] : []),
      '--reuid', String(uid), '--regid', String(uid), '--clear-groups',
      'prlimit', `--as=${limits.addressSpaceMb * mb}`, `--cpu=${cpuSeconds}`, `--nproc=${limits.processes}`,
      `--nofile=${limits.openFiles}`, `--fsize=${limits.fileBytes}`, '--core=0', '--',
      'bwrap', '--unshare-all', '--unshare-user', '--disable-userns', '--die-with-parent', '--new-session',
      '--clearenv', '--setenv', 'HOME', '/tmp', '--uid', '65534', '--gid', '65534', '--hostname', 'sandbox', '--setenv', 'KIT_SANDBOX_REAP', '1',
      // No writable place at all (/tmp is an empty read-only folder): nothing written can be
      // executed or loaded as native code. System calls no exercise needs fail (seccomp).
      ...(seccompProgram() ? ['--seccomp', String(SECCOMP_FD)] : []),
      ...binds, '--proc', '/proc', '--dev', '/dev', '--dir', '/tmp',
      '--ro-bind', root, '/kit', ...files, '--remount-ro', '/dev', '--remount-ro', '/', '--chdir', '/tmp', '--',
      process.execPath, `--max-old-space-size=${limits.memoryMb}`, '--disallow-code-generation-from-strings', script,
    ],
  };
}

/**
 * Whether the sandbox works here: the tools exist and a node process starts inside it.
 * Returns undefined, or the reason (Spanish, then English) why grading refuses to run.
 */
export function sandboxUnavailable() {
  const missing = TOOLS.filter((t) => !which(t));
  const install = 'apt-get install bubblewrap util-linux (o «npm start -- --check» como root)';
  if (missing.length > 0) {
    return `falta ${missing.join(', ')}: la corrección aísla el código de cada estudiante con bubblewrap. Instálalo con: ${install}, o usa --unsafe bajo tu responsabilidad.\n` +
      `missing ${missing.join(', ')}: grading sandboxes each student's code with bubblewrap. Install it (${install.replace(' (o', ' (or').replace('como root', 'as root')}), or pass --unsafe at your own risk.`;
  }
  const { command, args } = sandboxCommand({ root: '/', uid: 65533, cpuSeconds: 10, cpu: 0, script: '-e' });
  const seccomp = openSeccompFd();
  let probe;
  try {
    probe = spawnSync(command, [...args, 'process.exit(require("node:os").networkInterfaces().lo ? 0 : 3)'], { encoding: 'utf8', timeout: 20_000, stdio: ['pipe', 'pipe', 'pipe', 'ignore', ...(seccomp === undefined ? [] : [seccomp])] });
  } finally {
    closeSeccompFd(seccomp);
  }
  if (probe.status === 0) {
    if (!canPin()) console.error('grade: taskset (util-linux) no está: los entornos aislados no se fijan a una CPU / taskset missing: sandboxes are not pinned to a CPU');
    return undefined;
  }
  const detail = (probe.stderr || String(probe.error ?? `estado ${probe.status}`)).trim().split('\n')[0];
  return `bubblewrap no puede crear el entorno aislado aquí (${detail}). Hace falta ejecutar como root o permitir espacios de nombres de usuario; en un contenedor, ver docs/grading-cluster.md. Con --unsafe se corrige sin aislamiento.\n` +
    `bubblewrap cannot create the sandbox here (${detail}). Run as root or allow user namespaces; in a container see docs/grading-cluster.md. --unsafe grades without the sandbox.`;
}

/**
 * The uid for grading slot `slot` (0–63) of a grader whose random `base` is in 0–19999, one
 * that no process holds now (any of its real, effective, saved or fs uids): 100000 +
 * 64·((base + k) mod 20000) + slot for the first k = 0, 1, … that is free, so in
 * 100000–1379999. The base is random, not the pid: graders in pods on one node are all
 * pid 1, see only their own /proc and would otherwise pick the same uids. Sandbox
 * uids may overlap /etc/subuid ranges (a rootless container's processes), and stop()
 * kills every process of its uid as root: a held uid is never used.
 */
export function freeUid(base, slot) {
  const held = new Set();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const line = /^Uid:([^\n]*)/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1] ?? '';
      for (const uid of line.trim().split(/\s+/)) held.add(Number(uid));
    } catch {
      // The process ended while we looked.
    }
  }
  for (let k = 0; k < 20_000; k++) {
    const uid = 100_000 + ((base + k) % 20_000) * 64 + slot;
    if (!held.has(uid)) return uid;
  }
  throw new Error('no free sandbox uid in 100000-1379999');
}

/** Pids of the processes whose real uid is `uid` (from /proc). */
export function processesOf(uid) {
  const pids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      if (new RegExp(`^Uid:\\s+${uid}\\s`, 'm').test(status)) pids.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** The descriptor bubblewrap reads the seccomp filter from (the spawn's stdio[4]). */
const SECCOMP_FD = 4;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let clockTicks;
/** Clock ticks per second of /proc's CPU times (getconf CLK_TCK; 100 on Linux). */
const ticksPerSecond = () => (clockTicks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100);

/**
 * CPU time, in ms, that process `pid` and the children it has reaped used so far (utime,
 * stime, cutime, cstime of /proc/PID/stat), or undefined when it is gone.
 */
export function cpuTimeMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? (ticks * 1000) / ticksPerSecond() : undefined;
  } catch {
    return undefined;
  }
}

/** How often a call's CPU time is looked at, to stop an endless loop once its budget is spent. */
const CPU_POLL_MS = 50;

/**
 * One running sandbox: `call(request, timeoutMs)` sends one line and resolves with the
 * runner's answer line, `{ timeout: true }` (the sandbox is then killed) or `{ crash }`.
 * `stop()` kills it and resolves once no process of its uid is left.
 */
let sandboxes = 0;

export class Sandbox {
  constructor({ command, args, uid, env = {}, answerBytes = SANDBOX_LIMITS.answerBytes, cgroup }) {
    this.uid = uid;
    this.answerBytes = answerBytes;
    // One cgroup for the whole sandbox tree (memory and process budgets that rlimits, being
    // per process, cannot give); where cgroups are not writable, the rlimits alone apply.
    this.group = cgroup ? createCgroup(`kit-grade-${process.pid}-${++sandboxes}`, cgroup) : undefined;
    const run = this.group ? this.group.wrap(command, args) : { command, args };
    const seccomp = args.includes('--seccomp') ? openSeccompFd() : undefined;
    try {
      this.child = spawn(run.command, run.args, { detached: true, stdio: ['pipe', 'ignore', 'pipe', 'pipe', ...(seccomp === undefined ? [] : [seccomp])], env });
    } finally {
      closeSeccompFd(seccomp);
    }
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    this.exited.then(() => this.group?.destroy());
    this.alive = true;
    this.exited.then(() => {
      this.alive = false;
      this.settle?.({ crash: this.crashReason() });
    });
    this.child.on('error', () => {});
    this.child.stdin.on('error', () => {});
    this.stderr = '';
    this.child.stderr.on('data', (chunk) => (this.stderr = (this.stderr + chunk).slice(-2000)));
    this.buffer = '';
    this.child.stdio[3].on('data', (chunk) => this.onData(chunk));
    this.seq = 0;
    this.waitingFor = 0;
  }

  crashReason() {
    const line = this.stderr.trim().split('\n').filter((l) => /Error|error|memory|Killed/.test(l)).slice(-1)[0] ?? '';
    return line.slice(0, 200);
  }

  onData(chunk) {
    this.buffer += chunk;
    if (this.buffer.length > this.answerBytes + 64) {
      this.buffer = '';
      this.settle?.({ crash: 'respuesta demasiado grande' });
      this.kill();
      return;
    }
    for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      const tab = line.indexOf('\t');
      if (this.settle && tab > 0 && line.slice(0, tab) === String(this.waitingFor)) {
        this.settle({ line: line.slice(tab + 1) });
        continue;
      }
      // Anything else on the answer channel (a line for no call, or between calls) is the
      // student's code writing there: it would only load the grader, so the sandbox ends.
      this.buffer = '';
      this.settle?.({ crash: 'salida inesperada en el canal de respuestas' });
      this.kill();
      return;
    }
  }

  /** Waits for the runner's first line (wall clock only: no student code runs before it). */
  async ready(timeoutMs) {
    const answer = await this.wait(0, timeoutMs);
    if (answer.line !== undefined) this.pids = this.uid === undefined ? [this.child.pid] : processesOf(this.uid);
    return answer;
  }

  /**
   * CPU time the sandbox used so far, in ms (the last value seen once it is gone), or
   * undefined if unknown. Its cgroup's accounting where there is one (every process and
   * thread, live or gone); else the processes found at start (the bwrap pair and the
   * runner, with the children they have reaped: a child's CPU counts once it ends).
   */
  cpuMs() {
    let now = this.group?.cpuMs();
    if (now === undefined && this.pids?.length) {
      const times = this.pids.map(cpuTimeMs).filter((t) => t !== undefined);
      now = times.length > 0 ? times.reduce((a, b) => a + b, 0) : undefined;
    }
    if (now !== undefined && now >= (this.lastCpuMs ?? 0)) this.lastCpuMs = now;
    return this.lastCpuMs;
  }

  /**
   * Resolves with the answer line of call `seq`, or `{ timeout: true }` (the sandbox is then
   * killed) once `timeoutMs` of wall clock pass or the runner has used `cpuLimitMs` of CPU
   * since the call began, or `{ crash }`.
   */
  wait(seq, timeoutMs, cpuLimitMs) {
    return new Promise((resolve) => {
      if (!this.alive) return resolve({ crash: this.crashReason() });
      this.waitingFor = seq;
      const cpuStart = cpuLimitMs === undefined ? undefined : this.cpuMs();
      let poll;
      const timeOut = (why) => {
        clearTimeout(timer);
        clearInterval(poll);
        this.settle = undefined;
        this.kill();
        resolve({ timeout: true, why });
      };
      const timer = setTimeout(() => timeOut('wall'), Math.max(1, timeoutMs));
      if (cpuStart !== undefined) {
        poll = setInterval(() => {
          const used = (this.cpuMs() ?? cpuStart) - cpuStart;
          if (used >= cpuLimitMs) timeOut('cpu');
        }, CPU_POLL_MS);
      }
      this.settle = (answer) => {
        clearTimeout(timer);
        clearInterval(poll);
        this.settle = undefined;
        resolve(answer);
      };
    });
  }

  call(request, timeoutMs, cpuLimitMs) {
    const seq = ++this.seq;
    if (this.alive) this.child.stdin.write(`${JSON.stringify({ ...request, seq })}\n`);
    return this.wait(seq, timeoutMs, cpuLimitMs);
  }

  kill() {
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }

  async stop() {
    this.kill();
    await this.exited;
    // The PID namespace dies with its first process; wait until the kernel has reaped
    // every process of this uid, so nothing of the student's outlives its grading.
    if (this.uid !== undefined) {
      for (let i = 0; i < 200 && processesOf(this.uid).length > 0; i++) await sleep(25);
      for (const pid of processesOf(this.uid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone meanwhile.
        }
      }
    }
    this.group?.destroy();
  }
}
