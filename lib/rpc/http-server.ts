// @real-io: a real HTTP server on 127.0.0.1.
/**
 * JSON-RPC 2.0 over HTTP on node:http: POST only, JSON content type, a body size limit,
 * loopback only, and a shutdown that closes every connection.
 */
import * as http from 'node:http';
import { serializeReply } from './dispatcher';
import type { Dispatcher } from './dispatcher';
import type { JsonRpcReply } from './messages';
import { closeHttpServer, listenOnLoopback, LOOPBACK } from '../net/loopback';

/** Options of the HTTP server. */
export interface HttpServerOptions {
  /** The dispatcher that answers every body. */
  dispatcher: Dispatcher;
  /** TCP port; 0 (the default) lets the system pick a free one. */
  port?: number;
  /** Largest accepted body in bytes; larger ones get HTTP 413 (default 1 MiB). */
  maxBodyBytes?: number;
  /** Time allowed to receive the request headers, in ms (default 5000); a stalled client is cut. */
  headersTimeoutMs?: number;
  /** Time allowed to receive the whole request, headers and body, in ms (default 10000). */
  requestTimeoutMs?: number;
}

/** A running JSON-RPC HTTP server. */
export interface RpcHttpServer {
  /** The port actually bound. */
  readonly port: number;
  /** `http://127.0.0.1:<port>/`. */
  readonly url: string;
  /** The underlying node:http server (for tests: `getConnections`). */
  readonly server: http.Server;
  /** Stops accepting, closes idle and active connections, resolves when fully closed. */
  close(): Promise<void>;
}

export { LOOPBACK } from '../net/loopback';

// The JSON-RPC over HTTP note accepts these three media types for requests.
const JSON_TYPES = new Set(['application/json', 'application/json-rpc', 'application/jsonrequest']);

/** What a Content-Type header allows: a JSON type, in UTF-8 (JSON text is UTF-8, RFC 8259 §8.1). */
function checkContentType(header: string | undefined): 'ok' | 'not-json' | 'charset' {
  if (header === undefined) return 'not-json';
  if (header === 'application/json') return 'ok'; // the common case, without splitting
  const parts = header.split(';');
  const type = parts[0]!.trim().toLowerCase();
  if (!JSON_TYPES.has(type)) return 'not-json';
  for (const parameter of parts.slice(1)) {
    const equals = parameter.indexOf('=');
    if (equals === -1 || parameter.slice(0, equals).trim().toLowerCase() !== 'charset') continue;
    const charset = parameter.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    if (charset !== 'utf-8' && charset !== 'utf8') return 'charset';
  }
  return 'ok';
}

/**
 * Reads Content-Type and Content-Length from `rawHeaders`. Touching `req.headers` makes
 * node:http build a whole header object per request, a measurable share of a small call.
 */
function readHeaders(raw: readonly string[]): { contentType: string | undefined; contentLength: number } {
  let contentType: string | undefined;
  let contentLength = NaN;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 12 && name.toLowerCase() === 'content-type') contentType ??= raw[i + 1];
    else if (name.length === 14 && name.toLowerCase() === 'content-length') contentLength = Number(raw[i + 1]);
  }
  return { contentType, contentLength };
}

function sendText(res: http.ServerResponse, status: number, text: string, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendReply(res: http.ServerResponse, reply: JsonRpcReply): void {
  const body = serializeReply(reply);
  if (body === undefined) {
    // Only notifications: nothing to return (§4.1), so an empty 204.
    res.writeHead(204);
    res.end();
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * The request handler, separate from `listen` so it can be mounted elsewhere.
 */
export function createRequestListener(
  dispatcher: Dispatcher,
  maxBodyBytes = 1 << 20,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    // No 'error' listener on purpose: node:http then destroys an aborted request quietly.
    if (req.method !== 'POST') {
      req.resume();
      sendText(res, 405, 'JSON-RPC: solo se admite POST\n', { Allow: 'POST' });
      return;
    }
    const headers = readHeaders(req.rawHeaders);
    const contentType = checkContentType(headers.contentType);
    if (contentType !== 'ok') {
      req.resume();
      sendText(
        res,
        415,
        contentType === 'charset'
          ? 'JSON-RPC: el cuerpo debe ir en UTF-8 (charset=utf-8)\n'
          : 'JSON-RPC: Content-Type debe ser application/json\n',
      );
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    const refuse = (): void => {
      refused = true;
      sendText(res, 413, 'JSON-RPC: cuerpo demasiado grande\n', { Connection: 'close' });
    };
    // A body over the limit is answered 413 at once, then drained (not stored) so the client can
    // read the answer before the connection closes; past 16 times the limit the socket is cut.
    if (headers.contentLength > maxBodyBytes) refuse();
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (refused) {
        if (size > 16 * maxBodyBytes) req.destroy();
        return;
      }
      if (size > maxBodyBytes) {
        chunks.length = 0;
        refuse();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
      let reply;
      try {
        reply = dispatcher.handleText(text);
      } catch {
        sendText(res, 500, 'JSON-RPC: error interno\n');
        return;
      }
      if (reply instanceof Promise) {
        reply.then(
          (value) => sendReply(res, value),
          () => sendText(res, 500, 'JSON-RPC: error interno\n'),
        );
      } else {
        sendReply(res, reply);
      }
    });
  };
}

/**
 * Starts a JSON-RPC 2.0 server on 127.0.0.1.
 *
 * @example
 * const server = await startHttpServer({ dispatcher: createLectureDispatcher() });
 * const client = new JsonRpcHttpClient({ url: server.url });
 * await client.call('add', { a: 10, b: 20 }); // 30
 * client.close();
 * await server.close();
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RpcHttpServer> {
  const headersTimeout = options.headersTimeoutMs ?? 5000;
  const requestTimeout = Math.max(options.requestTimeoutMs ?? 10_000, headersTimeout);
  const server = http.createServer(
    {
      // Explicit limits, so a client that stalls mid-request cannot hold a connection for the
      // 300 s Node allows by default; node:http answers 408 and closes. It checks them every
      // connectionsCheckingInterval, so that interval follows the shortest timeout.
      headersTimeout,
      requestTimeout,
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(headersTimeout / 4))),
    },
    createRequestListener(options.dispatcher, options.maxBodyBytes),
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // A request that did not arrive in time (headersTimeout/requestTimeout) is a 408, like
    // node:http's default; anything else the parser refused is a 400.
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    else socket.destroy();
  });
  const port = await listenOnLoopback(server, options.port ?? 0);
  return {
    port,
    url: `http://${LOOPBACK}:${port}/`,
    server,
    close: () => closeHttpServer(server),
  };
}
