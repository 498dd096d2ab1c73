// The grader's side of the grading bridge, for one student: a Unix socket that the
// checks (the teacher's vitest, through grading-bridge-client.mjs) call, relaying each
// call to the student's sandbox one at a time. It keeps two budgets per exercise, as
// contest judges do (isolate's --time and --wall-time): CPU time of the student's code
// (`budgetMs`, fair on a loaded machine) and wall clock (`wallMs`, everything a call costs,
// the student's calls). Once either is spent the sandbox is killed and every later call of
// that exercise is answered "time out" at once. Starting a sandbox (no student code runs
// then) is not charged and is bounded on its own (two attempts of at most 60 s each, per
// start: the first call, a renewal, or a restart after one of the at most 3 crashes or a
// time out per exercise). So a student costs at most the sum of the wall budgets plus
// those bounded starts.
import { createServer } from 'node:net';

/** How many times an exercise's code may kill its sandbox before its calls fail at once. */
export const MAX_CRASHES = 3;

/** The default wall-clock budget of an exercise: this many times its CPU budget. */
export const WALL_FACTOR = 3;

/** How long a sandbox may take to start (not charged to any exercise). */
const START_MS = 60_000;

/**
 * Serves one student's exercise calls on `socketPath`. `startSandbox()` returns a new
 * Sandbox (lazily, and again after a crash or a time out); `located` maps exercise ids to
 * where their functions live in the sandbox's tree. `close()` resolves once the sandbox is
 * gone; `timedOut` lists the exercises whose budget ran out.
 */
export function serveBridge({ socketPath, startSandbox, located, exportName, budgetMs, wallMs = budgetMs * WALL_FACTOR }) {
  const cpuUsed = new Map();
  const wallUsed = new Map();
  const timedOut = new Set();
  const crashed = new Set();
  const crashes = new Map();
  const graderErrors = new Set();
  let cpuUnknown = false;
  // What happened at the bridge, for the teacher's diagnostics (never shown to students).
  const events = [];
  const note = (id, what, detail) => events.length < 50 && events.push({ exercise: id, what, detail: String(detail ?? '').slice(0, 300), atCall: calls });
  const usage = (id) => `${Math.round(cpuUsed.get(id) ?? 0)} ms of CPU, ${wallUsed.get(id) ?? 0} ms of wall clock`;
  const crash = (id, reason) => {
    crashed.add(id);
    crashes.set(id, (crashes.get(id) ?? 0) + 1);
    note(id, 'crash', reason);
  };
  let sandbox;
  let queue = Promise.resolve();
  let calls = 0;
  let lastHidden = false;
  let scopes = 0;
  const sockets = new Set();

  /** A started sandbox, or undefined when two attempts did not start (logged). */
  async function startReady() {
    for (let attempt = 1; attempt <= 2; attempt++) {
      const candidate = startSandbox();
      const answer = await candidate.ready(START_MS);
      if (answer.line !== undefined) {
        candidate.chargedCpu = candidate.cpuMs();
        return candidate;
      }
      note(undefined, 'sandbox did not start', `attempt ${attempt}: ${answer.timeout ? `no answer in ${START_MS} ms` : answer.crash ?? ''}`);
      await candidate.stop();
    }
    return undefined;
  }

  async function handle(request) {
    const exercise = located.get(request.exercise);
    if (!exercise) return { ok: false, bridge: `ejercicio desconocido ${String(request.exercise).slice(0, 20)}` };
    const id = exercise.id;
    const limitS = budgetMs / 1000;
    const cpuLeft = () => budgetMs - (cpuUsed.get(id) ?? 0);
    const wallLeft = () => wallMs - (wallUsed.get(id) ?? 0);
    if (timedOut.has(id) || cpuLeft() <= 0 || wallLeft() <= 0) {
      if (!timedOut.has(id)) note(id, 'budget spent', usage(id));
      timedOut.add(id);
      return { ok: false, timeout: true, limitS, wallS: wallMs / 1000 };
    }
    // A sandbox the exercise's code killed is restarted, at most MAX_CRASHES times.
    if ((crashes.get(id) ?? 0) >= MAX_CRASHES) return { ok: false, crash: `ya terminó el proceso ${MAX_CRASHES} veces; no se vuelve a ejecutar` };
    let answer;
    const hidden = /\.hidden\.test\.[cm]?[jt]s$/.test(String(request.scope ?? ''));
    if (!hidden && lastHidden) {
      // From the hidden checks to a public one: a new sandbox, so nothing the student's code
      // kept in memory from the hidden checks' inputs can surface in a public check's message
      // (the only failure text a report shows). The old one must be gone first: the new one
      // runs as the same uid, and stop() kills every process of its uid once its own PID
      // namespace is down (stopping it in the background killed the new sandbox mid-call
      // when that took long: a check lost at random). Not charged to the exercise.
      if (sandbox) await sandbox.stop();
      sandbox = undefined;
      scopes += 1;
    }
    lastHidden = hidden;
    if (!sandbox || !sandbox.alive) {
      // Starting a sandbox runs no student code (the runner loads lib files at the first
      // call): it is not charged, and if it fails it is the grader's error, not the student's.
      sandbox = await startReady();
      if (!sandbox) {
        graderErrors.add(id);
        return { ok: false, bridge: 'error del corrector: el entorno aislado no arrancó (avisa al profesor)' };
      }
    }
    const started = Date.now();
    // CPU the sandbox used since the last call ended (a thread or a child left running) is
    // charged to the exercise whose call left it running.
    const cpuStart = sandbox.cpuMs();
    if (cpuStart !== undefined && sandbox.chargedCpu !== undefined && sandbox.lastExercise !== undefined) {
      cpuUsed.set(sandbox.lastExercise, (cpuUsed.get(sandbox.lastExercise) ?? 0) + Math.max(0, cpuStart - sandbox.chargedCpu));
    }
    if (cpuStart === undefined && !cpuUnknown) {
      cpuUnknown = true;
      note(id, 'CPU time unknown', 'charging wall-clock time as CPU time');
    }
    const charge = () => {
      wallUsed.set(id, (wallUsed.get(id) ?? 0) + (Date.now() - started));
      const cpuEnd = sandbox.cpuMs();
      const cpu = cpuStart !== undefined && cpuEnd !== undefined ? cpuEnd - cpuStart : Date.now() - started;
      cpuUsed.set(id, (cpuUsed.get(id) ?? 0) + cpu);
      sandbox.chargedCpu = cpuEnd;
      sandbox.lastExercise = id;
    };
    calls += 1;
    answer = await sandbox.call({ file: exercise.file.replace(/\.ts$/, '.js'), name: exportName(id), args: request.args }, wallLeft(), cpuLeft());
    charge();
    if (answer.timeout) {
      timedOut.add(id);
      note(id, answer.why === 'cpu' ? 'CPU budget spent' : 'wall-clock budget spent', usage(id));
      await sandbox.stop();
      sandbox = undefined;
      return { ok: false, timeout: true, limitS, wallS: wallMs / 1000 };
    }
    if (answer.crash !== undefined) {
      crash(id, answer.crash);
      await sandbox.stop();
      sandbox = undefined;
      return { ok: false, crash: answer.crash };
    }
    return answerOf(answer.line);
  }

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setEncoding('utf8');
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        queue = queue.then(async () => {
          let answer;
          try {
            answer = await handle(JSON.parse(line));
          } catch (error) {
            note(undefined, 'grader error', error.stack ?? error.message);
            answer = { ok: false, bridge: `error del corrector: ${error.message}` };
          }
          socket.write(`${typeof answer === 'string' ? answer : JSON.stringify(answer)}\n`);
        });
      }
    });
  });
  const listening = new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, resolve);
  });
  return {
    listening,
    timedOut,
    crashed,
    /** Exercises some of whose calls failed because a sandbox did not start (the grader's fault). */
    graderErrors,
    get calls() {
      return calls;
    },
    /** Teacher-only diagnostics: crashes, time outs and grader errors, and the time each exercise used. */
    diagnostics() {
      return { calls, renewals: scopes, cpuMs: Object.fromEntries([...cpuUsed].map(([k, v]) => [k, Math.round(v)])), wallMs: Object.fromEntries(wallUsed), events: [...events] };
    },
    /** How many times the sandbox was renewed on going from hidden to public checks. */
    get scopes() {
      return scopes;
    },
    async close() {
      sandbox?.kill();
      await queue;
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
      if (sandbox) await sandbox.stop();
      sandbox = undefined;
    },
  };
}

/** The sandbox's answer line, re-made from its expected fields only (it is the student's). */
function answerOf(line) {
  let parsed;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { ok: false, error: { name: 'Error', message: 'respuesta ilegible del proceso del estudiante' } };
  }
  if (parsed === null || typeof parsed !== 'object') return { ok: false, error: { name: 'Error', message: 'respuesta ilegible del proceso del estudiante' } };
  if (parsed.ok === true) {
    const args = {};
    for (const [index, state] of Object.entries(parsed.args ?? {})) if (/^\d{1,3}$/.test(index) && typeof state === 'string') args[index] = state;
    return { ok: true, result: typeof parsed.result === 'string' ? parsed.result : 'null', args };
  }
  const error = parsed.error !== null && typeof parsed.error === 'object' ? parsed.error : {};
  return { ok: false, error: { name: String(error.name ?? 'Error').slice(0, 80), message: String(error.message ?? '').slice(0, 2000) } };
}
