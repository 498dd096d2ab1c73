// @real-io: serves plotly.js to the notebook page from the kernel process, on loopback.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

let started: { url: string; server: Server } | undefined;

/** Absolute path of the plotly.js bundle shipped by the `plotly.js-dist` package. */
export function plotlyBundlePath(): string {
  return require.resolve('plotly.js-dist/plotly.js');
}

/**
 * Serves the installed plotly.js once per kernel, on 127.0.0.1 and a free port, and
 * returns its URL. Figures' HTML loads plotly.js from here, so a notebook works
 * offline, no output embeds the 10 MB bundle, and a plot cell re-run after a page
 * reload still draws. The server never keeps the kernel alive (`unref`).
 */
export async function servePlotly(): Promise<string> {
  if (started) return started.url;
  const body = readFileSync(plotlyBundlePath());
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url?.split('?')[0] === '/plotly.js') {
      response.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'content-length': body.length,
        'cache-control': 'max-age=86400',
        'access-control-allow-origin': '*',
      });
      response.end(body);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('not found\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref();
  const { port } = server.address() as AddressInfo;
  started = { url: `http://127.0.0.1:${port}/plotly.js`, server };
  return started.url;
}

/** Stops the plotly.js server if it runs (tests use it; notebooks never need to). */
export async function stopPlotlyServer(): Promise<void> {
  const current = started;
  started = undefined;
  if (current) await new Promise<void>((resolve) => current.server.close(() => resolve()));
}
