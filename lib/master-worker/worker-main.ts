// @real-io: the entry of a worker thread.
/**
 * A worker thread: says `Ready`, then renders each `Render` request it is sent (or runs a
 * `Call` for `poolMap`), sending a `Progress` heartbeat every tenth of the fragment, and
 * answers with the result. It acts out a planted fault when the
 * request carries one: half-way through the fragment it throws, hangs (stops answering),
 * announces its progress so the master's chaos agent can terminate it, or answers wrong bytes
 * or garbage. Loaded through tsx's CommonJS hook by `pool.ts`.
 */
import { parentPort } from 'node:worker_threads';
import { renderFragment } from './render';
import type { CallRequest, RenderRequest } from './messages';

const port = parentPort;
if (port === null) throw new Error('worker-main.ts debe ejecutarse en un hilo trabajador (worker_threads)');

let hung = false;

function render(request: RenderRequest): void {
  const { video, fragment, attempt, fault } = request;
  const started = performance.now();
  const half = Math.max(1, Math.floor(fragment.frameCount / 2));
  const beat = Math.max(1, Math.floor(fragment.frameCount / 10));
  let stop = false;
  const rendered = (() => {
    try {
      return renderFragment(video, fragment, {
        onFrame: (done) => {
          // A sign of life every tenth of the fragment: the master's deadline counts silence, not work.
          if (done % beat === 0 || done === half) port!.postMessage({ type: 'Progress', fragment: fragment.index, attempt, framesDone: done });
          if (done !== half || fault === undefined) return;
          if (fault === 'throw') throw new Error(`fallo planteado: el trabajador se cae a mitad del fragmento ${fragment.index}`);
          if (fault === 'hang' || fault === 'terminate') {
            // Stop here and never answer: a hung worker. (With 'terminate' the master kills us now.)
            stop = true;
            throw new HangSignal();
          }
        },
      });
    } catch (error) {
      if (error instanceof HangSignal) return undefined;
      throw error;
    }
  })();
  if (stop || rendered === undefined) {
    hung = true;
    return;
  }
  const workMs = performance.now() - started;
  if (fault === 'garbage') {
    port!.postMessage({ hola: 'esto no es un mensaje del protocolo', fragmento: fragment.index });
    return;
  }
  const bytes = rendered.bytes;
  // 'corrupt': one bit flipped after hashing, as a bad disk or a buggy encoder would.
  if (fault === 'corrupt' && bytes.length > 0) bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] as number) ^ 1;
  port!.postMessage(
    { type: 'Rendered', fragment: fragment.index, attempt, bytes, sha256: rendered.sha256, workMs },
    [bytes.buffer as ArrayBuffer],
  );
}

/** Thrown by the render hook to abandon a fragment without an error (a hang). */
class HangSignal extends Error {}

function call(request: CallRequest): void {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(request.module) as Record<string, unknown>;
    const fn = module[request.fn];
    if (typeof fn !== 'function') throw new Error(`${request.module} no exporta una función ${request.fn}`);
    port!.postMessage({ type: 'Called', index: request.index, result: (fn as (arg: unknown) => unknown)(request.arg) });
  } catch (error) {
    port!.postMessage({ type: 'CallFailed', index: request.index, message: error instanceof Error ? error.message : String(error) });
  }
}

port.on('message', (request: RenderRequest | CallRequest) => {
  if (hung) return; // a hung worker answers nothing any more
  if (request?.type === 'Render') render(request);
  else if (request?.type === 'Call') call(request);
});
port.postMessage({ type: 'Ready' });
