/**
 * The NFS-style server over real HTTP on 127.0.0.1 (JSON-RPC 2.0 bodies, as chapter 01's
 * lib/rpc), and the matching client transport. A reply the server's fault injector drops is
 * lost for real: the server runs the call, then destroys the connection instead of answering.
 */
import * as http from 'node:http';
import { closeHttpServer, listenOnLoopback, LOOPBACK } from '../net/loopback';
import { serializeReply } from '../rpc/dispatcher';
import { JsonRpcHttpClient } from '../rpc/http-client';
import type { NfsServer } from './server';
import type { NfsTransport } from './transport';

/** Largest request body accepted (a WRITE of MAX_TRANSFER characters fits). */
const MAX_BODY_BYTES = 1 << 20;

/** A running HTTP front end of an {@link NfsServer}. */
export interface NfsHttpServer {
  readonly port: number;
  readonly url: string;
  /** Stops listening and cuts every connection. */
  close(): Promise<void>;
}

/**
 * Serves an {@link NfsServer} on 127.0.0.1 (`port` 0: the system picks one). POST only (405),
 * bodies up to 1 MiB (413); everything else is the dispatcher's answer.
 *
 * @example
 * const front = await startNfsHttpServer({ server });
 * const client = new NfsClient({ name: 'A', transport: httpTransport(front.url), clock });
 * // … client.close(); await front.close();
 */
export async function startNfsHttpServer(options: { server: NfsServer; port?: number }): Promise<NfsHttpServer> {
  const nfs = options.server;
  const server = http.createServer({ headersTimeout: 5_000, requestTimeout: 10_000 }, (req, res) => {
    if (req.method !== 'POST') {
      req.resume();
      res.writeHead(405, { Allow: 'POST', 'Content-Type': 'text/plain; charset=utf-8' }).end('NFS: solo POST\n');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413, { Connection: 'close' }).end();
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return;
      let handled: ReturnType<NfsServer['handleText']>;
      try {
        handled = nfs.handleText(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(500).end();
        return;
      }
      Promise.resolve(handled.reply).then(
        (reply) => {
          // The call ran; its reply is lost: cut the connection before a byte of it leaves.
          if (handled.lost) {
            req.socket.destroy();
            return;
          }
          const body = serializeReply(reply);
          if (body === undefined) res.writeHead(204).end();
          else res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }).end(body);
        },
        () => res.writeHead(500).end(),
      );
    });
  });
  const port = await listenOnLoopback(server, options.port ?? 0);
  return {
    port,
    url: `http://${LOOPBACK}:${port}/`,
    close: () => closeHttpServer(server),
  };
}

/**
 * A transport over real HTTP: chapter 01's `JsonRpcHttpClient` with its own retries off, since
 * the NFS client retransmits itself (with the same xid, which the DRC recognises).
 */
export function httpTransport(url: string, options: { timeoutMs?: number } = {}): NfsTransport {
  const rpc = new JsonRpcHttpClient({ url, retries: 0, timeoutMs: options.timeoutMs ?? 2_000 });
  return {
    call: (procedure, params) => rpc.call(procedure, params),
    close: () => rpc.close(),
  };
}
