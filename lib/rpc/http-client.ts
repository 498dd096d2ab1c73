// @real-io: a real HTTP client (timeouts, retry back-off).
/**
 * A JSON-RPC 2.0 client over HTTP with keep-alive, timeouts, batches, and retries only
 * where they are safe. This is a real-I/O runtime: it may use timers.
 */
import * as http from 'node:http';
import { isFailure, notification, request, RpcError } from './messages';
import type { JsonRpcFailure, JsonRpcId, JsonRpcParams, JsonRpcResponse } from './messages';

/** Why a call failed below JSON-RPC: no answer in time, no connection, a bad HTTP answer. */
export type TransportFailure = 'timeout' | 'connect' | 'reset' | 'http' | 'body';

/** A failure of the transport, not of the remote method. */
export class RpcTransportError extends Error {
  /** What went wrong. */
  readonly kind: TransportFailure;
  /** Whether the request may have reached the server (then only idempotent calls are retried). */
  readonly maybeDelivered: boolean;
  /** The HTTP status, for kind `'http'`. */
  readonly status: number | undefined;

  constructor(kind: TransportFailure, message: string, maybeDelivered: boolean, status?: number) {
    super(message);
    this.name = 'RpcTransportError';
    this.kind = kind;
    this.maybeDelivered = maybeDelivered;
    this.status = status;
  }

  /**
   * False when repeating the same request cannot help: a 4xx answer (405, 413, 415…) says
   * the request itself is wrong, so it would be refused again.
   */
  get retryable(): boolean {
    return !(this.kind === 'http' && this.status !== undefined && this.status >= 400 && this.status < 500);
  }
}

function bodyError(message: string): RpcTransportError {
  return new RpcTransportError('body', `respuesta JSON-RPC no válida: ${message}`, true);
}

function isId(value: unknown): value is JsonRpcId {
  return typeof value === 'string' || typeof value === 'number' || value === null;
}

/**
 * Checks that `value` is a Response object (§5): jsonrpc exactly "2.0", an id member holding a
 * String, Number or Null, and exactly one of result and error, the error with an integer code
 * and a string message. Throws `RpcTransportError('body')` otherwise.
 */
export function validateResponse(value: unknown): JsonRpcResponse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bodyError('no es un objeto');
  const response = value as Record<string, unknown>;
  if (response.jsonrpc !== '2.0') throw bodyError('jsonrpc debe ser exactamente "2.0"');
  if (!Object.prototype.hasOwnProperty.call(response, 'id')) throw bodyError('falta el id');
  if (!isId(response.id)) throw bodyError('el id debe ser texto, número o null');
  const hasResult = Object.prototype.hasOwnProperty.call(response, 'result');
  const hasError = Object.prototype.hasOwnProperty.call(response, 'error');
  if (hasResult === hasError) throw bodyError('debe llevar exactamente uno de result y error');
  if (hasError) {
    const error = response.error as Record<string, unknown> | null;
    if (typeof error !== 'object' || error === null || !Number.isInteger(error.code) || typeof error.message !== 'string') {
      throw bodyError('error debe tener code (entero) y message (texto)');
    }
  }
  return value as JsonRpcResponse;
}

function toRpcError(response: JsonRpcFailure): RpcError {
  return new RpcError(response.error.code, response.error.message, response.error.data);
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
    if (isFailure(response)) throw toRpcError(response);
    return response.result;
  }

  /**
   * Calls `method` and resolves with the whole Response object, checked against the spec:
   * its id must be the request's (or null on an error the server could not attribute, §5).
   */
  async request(method: string, params?: JsonRpcParams): Promise<JsonRpcResponse> {
    const id = this.nextId++;
    const reply = await this.send(JSON.stringify(request(method, params, id)), this.idempotent.has(method));
    if (reply === undefined || Array.isArray(reply)) throw bodyError('se esperaba una única respuesta');
    const response = validateResponse(reply);
    if (response.id !== id && !(response.id === null && isFailure(response))) {
      throw bodyError(`el id ${JSON.stringify(response.id)} no es el de la petición (${id})`);
    }
    return response;
  }

  /** Sends a notification: the server answers nothing, so only transport errors are seen. */
  async notify(method: string, params?: JsonRpcParams): Promise<void> {
    await this.send(JSON.stringify(notification(method, params)), false);
  }

  /**
   * Sends a batch in one HTTP request (§6). Resolves with one Response per call entry, in the
   * order of `entries`, matched by id (the server may answer in any order); notification
   * entries get `undefined`. Retried only when every entry in it, notifications included, is
   * idempotent: a notification has effects too. A whole-batch error (a single Response
   * instead of an array, e.g. Parse error or Invalid Request with id null) rejects with
   * `RpcError`; a call left unanswered, an unknown or repeated id reject with
   * `RpcTransportError('body')`.
   */
  async batch(entries: readonly BatchEntry[]): Promise<(JsonRpcResponse | undefined)[]> {
    if (entries.length === 0) {
      throw new RangeError('batch: un lote vacío no es válido (§6: el servidor respondería Invalid Request)');
    }
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
    const safe = entries.every((entry) => this.idempotent.has(entry.method));
    const reply = await this.send(JSON.stringify(body), safe);
    const expected = new Set<JsonRpcId>();
    for (const id of ids) if (id !== undefined) expected.add(id);
    if (reply === undefined) {
      if (expected.size > 0) throw bodyError('el servidor no respondió a ninguna llamada del lote');
      return ids.map(() => undefined);
    }
    if (!Array.isArray(reply)) {
      // §6: one Response, not an array, means the batch as a whole was refused.
      const response = validateResponse(reply);
      if (isFailure(response)) throw toRpcError(response);
      throw bodyError('se esperaba un array de respuestas para el lote');
    }
    const byId = new Map<JsonRpcId, JsonRpcResponse>();
    for (const element of reply) {
      const response = validateResponse(element);
      // An error the server could not attribute to any entry (id null): the batch is broken.
      if (response.id === null && isFailure(response)) throw toRpcError(response);
      if (!expected.has(response.id)) throw bodyError(`id ${JSON.stringify(response.id)} inesperado en el lote`);
      if (byId.has(response.id)) throw bodyError(`id ${JSON.stringify(response.id)} repetido en el lote`);
      byId.set(response.id, response);
    }
    for (const id of expected) if (!byId.has(id)) throw bodyError(`falta la respuesta al id ${JSON.stringify(id)}`);
    return ids.map((id) => (id === undefined ? undefined : byId.get(id)));
  }

  /** Closes the keep-alive sockets. */
  close(): void {
    this.agent.destroy();
  }

  private async send(body: string, idempotent: boolean): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.post(body);
      } catch (error) {
        // Retry only what cannot double an effect: a request that never left, or an idempotent one.
        // A 4xx answer is never retried: the same request would be refused again.
        const retryable =
          error instanceof RpcTransportError &&
          error.retryable &&
          (!error.maybeDelivered || idempotent) &&
          attempt < this.retries;
        if (!retryable) throw error;
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs * 2 ** attempt));
      }
    }
  }

  /** One attempt: resolves with the parsed JSON body (unchecked), or undefined for 204. */
  private post(body: string): Promise<unknown> {
    this.attempts++;
    return new Promise((resolve, reject) => {
      let settled = false;
      let connected = false;
      const finish = (error: Error | undefined, value?: unknown): void => {
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
            return finish(new RpcTransportError('http', `HTTP ${status}: ${text.trim()}`, true, status));
          }
          try {
            finish(undefined, JSON.parse(text) as unknown);
          } catch {
            finish(new RpcTransportError('body', 'la respuesta no es JSON', true));
          }
        });
      });
      req.end(body);
    });
  }
}
