// The process that runs a student's exercise code, inside the grading sandbox. It sees
// only its lib tree (the teacher's lib with the student's exercise regions spliced in,
// compiled to JavaScript), this file and the codec. It reads one call per line on stdin,
//   {"seq":1,"file":"availability/availability.js","name":"__kitExercise_00_1","args":"[…]"}
// calls the function, and answers on fd 3, one line per call:
//   1\t{"ok":true,"result":"…","args":{"0":"…"}}      ("args": arguments changed in place)
//   1\t{"ok":false,"error":{"name":"TypeError","message":"…"}}
// Nothing here is trusted by the grader: the student's code shares this process and can
// rewrite any answer, which only ever changes that student's own results (the grader
// decodes answers as bounded plain data and the checks compare them, outside).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { encode, decode } = require('./grading-codec.cjs');

const LIB = path.join(__dirname, 'lib');
const MAX_ANSWER = 2 * 1024 * 1024;
const writeSync = fs.writeSync;
const answer = (seq, body) => {
  let line = JSON.stringify(body);
  if (line.length > MAX_ANSWER) line = JSON.stringify({ ok: false, error: { name: 'Error', message: `el resultado ocupa demasiado (${line.length} caracteres)` } });
  const text = `${seq}\t${line}\n`;
  try {
    for (let buffer = Buffer.from(text), at = 0; at < buffer.length;) at += writeSync(3, buffer, at);
  } catch {
    process.exit(70);
  }
};

function describe(error) {
  try {
    if (error instanceof Error) return { name: String(error.name).slice(0, 80), message: String(error.message).slice(0, 2000) };
    return { name: 'valor lanzado', message: String(error).slice(0, 2000) };
  } catch {
    return { name: 'valor lanzado', message: '(no se puede mostrar)' };
  }
}

async function call(request) {
  const file = path.resolve(LIB, String(request.file));
  if (!file.startsWith(LIB + path.sep)) throw new Error('ruta fuera de lib');
  const fn = require(file)[request.name];
  if (typeof fn !== 'function') throw new Error(`la función del ejercicio no está exportada (${request.name}): ¿se borraron las marcas #region?`);
  const args = decode(request.args);
  const before = args.map((a) => encode(a));
  let result = fn(...args);
  if (result !== null && typeof result === 'object' && typeof result.then === 'function') result = await result;
  const changed = {};
  args.forEach((a, i) => {
    const after = encode(a, `argumento ${i + 1} tras la llamada`);
    if (after !== before[i]) changed[i] = after;
  });
  return { ok: true, result: encode(result, 'el resultado'), args: changed };
}

// After each call, every other process of the sandbox's PID namespace (children the
// student's code left, busy loops included) is killed, so none keeps burning CPU between
// calls. Taken before any student code runs; /proc is the namespace's own.
const readdirSync = fs.readdirSync;
const kill = process.kill.bind(process);
const keep = new Set([1, process.pid, process.ppid]);
// Only in the sandbox (set by sandboxCommand; an --unsafe run's /proc is the host's).
const reaping = process.env.KIT_SANDBOX_REAP === '1';
function reapChildren() {
  try {
    for (const name of readdirSync('/proc')) {
      if (/^\d+$/.test(name) && !keep.has(Number(name))) {
        try {
          kill(Number(name), 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
    }
  } catch {
    // No /proc (an unsafe run): nothing to reap.
  }
}

let pending = '';
let queue = Promise.resolve();
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
    const line = pending.slice(0, nl);
    pending = pending.slice(nl + 1);
    queue = queue.then(async () => {
      let request;
      try {
        request = JSON.parse(line);
      } catch {
        return;
      }
      try {
        answer(request.seq, await call(request));
      } catch (error) {
        answer(request.seq, { ok: false, error: describe(error) });
      }
      if (reaping) reapChildren();
    });
  }
});
process.stdin.on('end', () => process.exit(0));
answer(0, { ok: true, ready: true });
