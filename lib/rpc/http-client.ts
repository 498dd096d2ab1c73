// @real-io: a real HTTP client (timeouts, retry back-off).
/**
 * A JSON-RPC 2.0 client over HTTP with keep-alive, timeouts, batches, and retries only
 * where they are safe. This is a real-I/O runtime: it may use timers.
 */
import * as http from 'node:http';
import { isFailure, notification, request, RpcError } from './messages';
import type { JsonRpcId, JsonRpcParams, JsonRpcReply, JsonRpcResponse } from './messages';

/** Why a call failed below JSON-RPC: no answer in time, no connection, a bad HTTP answer. */
export type TransportFailure = 'timeout' | 'connect' | 'reset' | 'http' | 'body';

/** A failure of the transport, not of the remote method. */
export class RpcTransportError extends Error {
  /** What went wrong. */
  readonly kind: TransportFailure;
  /** Whether the request may have reached the server (then only idempotent calls are retried). */
  readonly maybeDelivered: boolean;

  constructor(kind: TransportFailure, message: string, maybeDelivered: boolean) {
    super(message);
    this.name = 'RpcTransportError';
    this.kind = kind;
    this.maybeDelivered = maybeDelivered;
  }
}

/** Options of the HTTP client. */
export interface HttpClientOptions {
  /** The server URL, e.g. `http://127.0.0.1:5000/`. */
  url: string;
  /** Give up on one attempt after this many milliseconds (default 5000). */
  timeoutMs?: number;
  /** Extra attempts after a failed one, when safe (default 2). */
  retries?: number;
  /** Wait before retry k: `retryDelayMs · 2^k` (default 50). */
  retryDelayMs?: number;
  /** Methods known to be idempotent: only these are retried after a possibly-delivered request. */
  idempotentMethods?: Iterable<string>;
  /** Keep-alive sockets at most (default 32). */
  maxSockets?: number;
}

/** One entry of a batch: a call (gets a Response) or a notification (gets none). */
export interface BatchEntry {
  method: string;
  params?: JsonRpcParams;
  /** True to send it as a notification. */
  notification?: boolean;
}

/**
 * A keep-alive JSON-RPC client.
 *
 * @example
 * const client = new JsonRpcHttpClient({ url: 'http://127.0.0.1:5000/', idempotentMethods: ['add'] });
 * await client.call('add', { a: 10, b: 20 });      // 30
 * await client.call('multiply', [5, 4]);            // 20
 * await client.batch([{ method: 'add', params: [1, 2] }, { method: 'nope' }]);
 * client.close();
 */
export class JsonRpcHttpClient {
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly idempotent: Set<string>;
  private nextId = 1;
  /** Attempts made, including retries (for experiments). */
  attempts = 0;

  constructor(options: HttpClientOptions) {
    this.url = new URL(options.url);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 32 });
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.retries = options.retries ?? 2;
    this.retryDelayMs = options.retryDelayMs ?? 50;
    this.idempotent = new Set(options.idempotentMethods ?? []);
  }

  /** Calls `method` and resolves with its result; an error Response rejects with `RpcError`. */
  async call(method: string, params?: JsonRpcParams): Promise<unknown> {
    const response = await this.request(method, params);
    if (isFailure(response)) throw new RpcError(response.error.code, response.error.message, response.error.data);
    return response.result;
  }

  /** Calls `method` and resolves with the whole Response object. */
  async request(method: string, params?: JsonRpcParams): Promise<JsonRpcResponse> {
    const id = this.nextId++;
    const reply = await this.send(JSON.stringify(request(method, params, id)), this.idempotent.has(method));
    if (reply === undefined || Array.isArray(reply)) {
      throw new RpcTransportError('body', 'se esperaba una única respuesta', true);
    }
    return reply;
  }

  /** Sends a notification: the server answers nothing, so only transport errors are seen. */
  async notify(method: string, params?: JsonRpcParams): Promise<void> {
    await this.send(JSON.stringify(notification(method, params)), false);
  }

  /**
   * Sends a batch in one HTTP request (§6). Resolves with one Response per call entry, in the
   * order of `entries`, matched by id (the server may answer in any order); notification
   * entries get `undefined`. Retried only when every call in it is idempotent.
   */
  async batch(entries: readonly BatchEntry[]): Promise<(JsonRpcResponse | undefined)[]> {
    const ids: (JsonRpcId | undefined)[] = [];
    const body = entries.map((entry) => {
      if (entry.notification) {
        ids.push(undefined);
        return notification(entry.method, entry.params);
      }
      const id = this.nextId++;
      ids.push(id);
      return request(entry.method, entry.params, id);
    });
    const safe = entries.every((entry) => entry.notification || this.idempotent.has(entry.method));
    const reply = await this.send(JSON.stringify(body), safe);
    const byId = new Map<JsonRpcId, JsonRpcResponse>();
    const list = reply === undefined ? [] : Array.isArray(reply) ? reply : [reply];
    for (const response of list) byId.set(response.id, response);
    return ids.map((id) => (id === undefined ? undefined : byId.get(id)));
  }

  /** Closes the keep-alive sockets. */
  close(): void {
    this.agent.destroy();
  }

  private async send(body: string, idempotent: boolean): Promise<JsonRpcReply> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.post(body);
      } catch (error) {
        // Retry only what cannot double an effect: a request that never left, or an idempotent one.
        const retryable =
          error instanceof RpcTransportError && (!error.maybeDelivered || idempotent) && attempt < this.retries;
        if (!retryable) throw error;
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs * 2 ** attempt));
      }
    }
  }

  private post(body: string): Promise<JsonRpcReply> {
    this.attempts++;
    return new Promise((resolve, reject) => {
      let settled = false;
      let connected = false;
      const finish = (error: Error | undefined, value?: JsonRpcReply): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(value);
      };
      const req = http.request(this.url, {
        method: 'POST',
        agent: this.agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      });
      const timer = setTimeout(() => {
        finish(new RpcTransportError('timeout', `sin respuesta en ${this.timeoutMs} ms`, true));
        req.destroy();
      }, this.timeoutMs);
      req.on('socket', (socket) => {
        if (!socket.connecting) connected = true;
        else socket.once('connect', () => (connected = true));
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        const refused = error.code === 'ECONNREFUSED' || (!connected && error.code !== 'ECONNRESET');
        finish(
          refused
            ? new RpcTransportError('connect', `no se pudo conectar: ${error.message}`, false)
            : new RpcTransportError('reset', `conexión cortada: ${error.message}`, true),
        );
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', () => finish(new RpcTransportError('reset', 'respuesta cortada', true)));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status === 204) return finish(undefined, undefined);
          const text = Buffer.concat(chunks).toString('utf8');
          if (status !== 200) {
            return finish(new RpcTransportError('http', `HTTP ${status}: ${text.trim()}`, true));
          }
          try {
            finish(undefined, JSON.parse(text) as JsonRpcReply);
          } catch {
            finish(new RpcTransportError('body', 'la respuesta no es JSON', true));
          }
        });
      });
      req.end(body);
    });
  }
}
