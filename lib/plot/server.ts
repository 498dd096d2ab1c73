// @real-io: serves plotly.js to the notebook page from the kernel process, on loopback.
import { Worker } from 'node:worker_threads';

let started: { url: string; worker: Worker } | undefined;

/** Absolute path of the plotly.js bundle shipped by the `plotly.js-dist` package. */
export function plotlyBundlePath(): string {
  return require.resolve('plotly.js-dist/plotly.js');
}

// The server runs in a worker thread with its own event loop: it binds while the kernel
// thread waits (so `show` can be synchronous even when cells are queued back to back)
// and it keeps serving while a long cell keeps the kernel thread busy.
const SERVER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { createServer } = require('node:http');
const { path, shared } = workerData;
const state = new Int32Array(shared);
const fail = () => { Atomics.store(state, 0, -1); Atomics.notify(state, 0); };
let body;
try { body = readFileSync(path); } catch { fail(); }
if (body) {
  const server = createServer((request, response) => {
    if (request.method === 'GET' && (request.url || '').split('?')[0] === '/plotly.js') {
      response.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'content-length': body.length,
        'cache-control': 'max-age=86400',
        'access-control-allow-origin': '*',
      });
      response.end(body);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('not found\\n');
    }
  });
  server.on('error', fail);
  server.listen(0, '127.0.0.1', () => {
    Atomics.store(state, 0, server.address().port);
    Atomics.notify(state, 0);
  });
}
`;

/**
 * Serves the installed plotly.js once per process, on 127.0.0.1 and a free port, and
 * returns its URL, synchronously. Figures' HTML loads plotly.js from here, so a
 * notebook works offline, no output embeds the 10 MB bundle, and a plot cell re-run
 * after a page reload still draws. The server never keeps the process alive.
 */
export function servePlotlySync(timeoutMs = 10_000): string {
  if (started) return started.url;
  const shared = new SharedArrayBuffer(4);
  const state = new Int32Array(shared);
  const worker = new Worker(SERVER_SOURCE, { eval: true, workerData: { path: plotlyBundlePath(), shared } });
  worker.unref();
  Atomics.wait(state, 0, 0, timeoutMs);
  const port = Atomics.load(state, 0);
  if (port <= 0) {
    void worker.terminate();
    throw new Error(`no se pudo servir plotly.js en 127.0.0.1 (${port === 0 ? 'tiempo agotado' : 'error al escuchar'})`);
  }
  started = { url: `http://127.0.0.1:${port}/plotly.js`, worker };
  return started.url;
}

/** {@link servePlotlySync} as a promise. */
export async function servePlotly(): Promise<string> {
  return servePlotlySync();
}

/** Stops the plotly.js server if it runs (tests use it; notebooks never need to). */
export async function stopPlotlyServer(): Promise<void> {
  const current = started;
  started = undefined;
  if (current) await current.worker.terminate();
}
