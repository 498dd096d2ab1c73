// The checks' side of the grading bridge, loaded by the checks' copy of lib/ (each
// exercise region there is `return callExercise('00.1', [a, n])`). It runs in the
// teacher's vitest, never in the sandbox: it encodes the arguments as plain data, sends
// them to the grader (a Unix socket named by KIT_BRIDGE_SOCKET), blocks until the answer
// arrives, and returns the decoded result, or throws the student's error, marked as theirs.
//
// A call is synchronous across processes like lib/plot/server.ts: a worker thread holds
// the connection, the calling thread sleeps in Atomics.wait and takes the answer with
// receiveMessageOnPort. The grader enforces each exercise's time budget and always
// answers; the wait here has its own limit in case the grader is gone.
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import codec from './grading-codec.cjs';

const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const net = require('node:net');
const { socketPath, shared, port } = workerData;
const flag = new Int32Array(shared);
const done = (line) => { port.postMessage(line); Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); };
const socket = net.connect(socketPath);
socket.setEncoding('utf8');
let buffer = '';
socket.on('data', (chunk) => {
  buffer += chunk;
  for (let nl = buffer.indexOf('\\n'); nl >= 0; nl = buffer.indexOf('\\n')) {
    done(buffer.slice(0, nl));
    buffer = buffer.slice(nl + 1);
  }
});
const gone = (why) => () => done(JSON.stringify({ ok: false, bridge: why }));
socket.on('error', (e) => gone('sin conexión con el corrector: ' + e.code)());
socket.on('close', gone('el corrector cerró la conexión'));
parentPort.on('message', (line) => socket.write(line + '\\n'));
`;

let bridge;

function connect() {
  const socketPath = process.env.KIT_BRIDGE_SOCKET;
  if (!socketPath) throw new Error('grading bridge: KIT_BRIDGE_SOCKET is not set (this lib copy only runs under scripts/grade.mjs)');
  const shared = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, { eval: true, workerData: { socketPath, shared, port: port2 }, transferList: [port2] });
  worker.unref();
  port1.unref?.();
  return { worker, port: port1, flag: new Int32Array(shared), waitMs: Number(process.env.KIT_BRIDGE_WAIT_MS) || 120_000 };
}

/** A student's text, made safe to show: one line, bounded, with nothing that looks like our hint marker. */
export function studentText(text, max = 300) {
  const flat = String(text).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/Pista\s*:/gi, 'pista -').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * Calls exercise `id` of the submission being graded with `args` (plain data) and returns
 * its result. Arguments the student's code changed in place are changed here the same way.
 */
export function callExercise(id, args) {
  bridge ??= connect();
  const encoded = codec.encode(args, `argumentos del ejercicio ${id}`);
  Atomics.store(bridge.flag, 0, 0);
  // The check file calling: going from hidden checks to public ones the grader renews the
  // sandbox, so nothing the student's code saw in the hidden checks' calls can surface in a
  // public check's message.
  let scope = '';
  try {
    scope = String(globalThis[Symbol.for('expect-global')]?.getState?.().testPath ?? '');
  } catch {
    // Outside vitest: one scope.
  }
  bridge.worker.postMessage(JSON.stringify({ exercise: id, args: encoded, scope }));
  Atomics.wait(bridge.flag, 0, 0, bridge.waitMs);
  const message = receiveMessageOnPort(bridge.port);
  if (!message) {
    const { worker, waitMs } = bridge;
    void worker.terminate();
    bridge = undefined;
    throw new Error(`ejercicio ${id}: el corrector no respondió en ${waitMs / 1000} s`);
  }
  const answer = JSON.parse(message.message);
  if (answer.bridge) {
    bridge = undefined;
    throw new Error(`ejercicio ${id}: ${answer.bridge}`);
  }
  if (answer.timeout) {
    const es = (s) => String(s).replace('.', ',');
    throw new Error(`Tiempo agotado en el ejercicio ${id}: tu código superó su límite de ${es(answer.limitS)} s de CPU${answer.wallS ? ` (o ${es(answer.wallS)} s de reloj)` : ''} (¿un bucle infinito?)`);
  }
  if (answer.crash !== undefined) throw new Error(`Tu código del ejercicio ${id} terminó el proceso en que se ejecutaba${answer.crash ? ` (${studentText(answer.crash, 160)})` : ''} (¿process.exit, memoria agotada, demasiados procesos?)`);
  if (!answer.ok) {
    const error = answer.error ?? {};
    const text = `${studentText(error.name, 40)}: ${studentText(error.message)}`;
    // The stub's message is the kit's, so keep it recognisable ("sin resolver").
    if (/^Error: Ejercicio \d\d\.\d+ sin resolver/.test(text)) throw new Error(text.slice(7));
    throw new Error(`tu código lanzó ${text}`);
  }
  let result;
  try {
    result = codec.decode(answer.result);
    for (const [index, state] of Object.entries(answer.args ?? {})) {
      const target = args[Number(index)];
      if (target !== null && typeof target === 'object') codec.syncInto(target, codec.decode(state));
    }
  } catch (error) {
    throw new Error(`ejercicio ${id}: tu función devolvió algo que no es un dato (${studentText(error.message, 160)})`);
  }
  return result;
}
