// The splice of a submission, off the grader's main thread. TypeScript's parser is
// exponential on some inputs (`async (a, async (a, … b))` nested 40 deep takes days), and
// transpileModule is synchronous: run in the main process, one such region would block
// the event loop, so every bridge socket of every student graded in parallel would stall.
// Here it runs in a worker thread with a time limit; terminate() stops synchronous code.
// The same file is the worker's entry point.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadTypeScript, spliceSubmission } from './grading-splice.mjs';

/**
 * A worker thread that runs `spliceSubmission` for one grading slot. `splice(located,
 * bodies, timeoutMs)` resolves with `{ files, notes }`, or `{ timeout: true }` when the
 * worker took longer than `timeoutMs` (it is then terminated; the next call starts a new
 * one). Rejects if the worker fails. `close()` ends it.
 */
export class SpliceWorker {
  constructor(root) {
    this.root = root;
    this.worker = undefined;
  }

  splice(located, bodies, timeoutMs) {
    if (!this.worker) {
      const fresh = new Worker(new URL(import.meta.url), { workerData: { root: this.root } });
      // A failure between calls must not crash the grader: the next call starts a new one.
      fresh.on('error', () => {});
      fresh.on('exit', () => this.worker === fresh && (this.worker = undefined));
      // TypeScript loads before the worker says it is ready: the time limit counts only the
      // splice itself, not a fresh worker's start (slow on a loaded machine).
      this.ready = new Promise((resolve) => {
        const onReady = (message) => {
          if (!message?.ready) return;
          fresh.off('message', onReady);
          resolve();
        };
        fresh.on('message', onReady);
        fresh.once('exit', resolve);
      });
      this.worker = fresh;
    }
    const worker = this.worker;
    worker.ref();
    return this.ready.then(() => this.run(worker, located, bodies, timeoutMs));
  }

  run(worker, located, bodies, timeoutMs) {
    if (this.worker !== worker) return Promise.reject(new Error('the splice worker exited before it was ready'));
    return new Promise((resolve, reject) => {
      const finish = (settle, value) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (this.worker === worker) worker.unref();
        settle(value);
      };
      const drop = () => {
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
      };
      const onMessage = (answer) => (answer.error ? finish(reject, new Error(answer.error)) : finish(resolve, answer));
      const onError = (error) => {
        drop();
        finish(reject, error);
      };
      const onExit = () => {
        drop();
        finish(reject, new Error('the splice worker exited'));
      };
      const timer = setTimeout(() => {
        drop();
        finish(resolve, { timeout: true });
      }, timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ located, bodies });
    });
  }

  async close() {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}

if (!isMainThread && parentPort) {
  const ts = loadTypeScript(workerData.root);
  parentPort.postMessage({ ready: true });
  parentPort.on('message', ({ located, bodies }) => {
    try {
      parentPort.postMessage(spliceSubmission(ts, workerData.root, located, bodies));
    } catch (error) {
      parentPort.postMessage({ error: String(error?.message ?? error) });
    }
  });
}
