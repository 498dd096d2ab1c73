// @real-io: starts redis-server processes on 127.0.0.1 and talks RESP to them over TCP.
/**
 * Redis on 127.0.0.1 for chapter 05: start a server (or a primary with a replica) with
 * lib/services, and a small RESP2 client over `node:net` (requests pipelined, replies matched in
 * order), enough for SET/GET/WAIT/INFO/REPLICAOF. Persistence is off (`--save ''`,
 * `--appendonly no`): the experiment is about replication, not disks.
 */
import { createConnection } from 'node:net';
import type { Socket } from 'node:net';
import { ServiceMissing, findBinary, freePort, serviceDataDir, startService } from './process';
import type { ServiceHandle } from './process';

/** A decoded RESP2 reply: a status or bulk string, an integer, null, or an array of replies. */
export type RespValue = string | number | null | RespValue[];

/** An error reply from Redis (`-ERR …`). */
export class RedisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisError';
  }
}

/** Encodes one command as a RESP array of bulk strings. */
export function encodeCommand(args: readonly (string | number)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const b = Buffer.from(String(arg));
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/**
 * Parses one RESP2 reply from `buffer` at `offset`: `{ value, next }`, or `undefined` if the
 * reply is not complete yet. An error reply comes back as a {@link RedisError} value.
 */
export function parseReply(buffer: Buffer, offset = 0): { value: RespValue | RedisError; next: number } | undefined {
  const lineEnd = buffer.indexOf('\r\n', offset);
  if (lineEnd < 0) return undefined;
  const kind = String.fromCharCode(buffer[offset] as number);
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const after = lineEnd + 2;
  switch (kind) {
    case '+':
      return { value: line, next: after };
    case '-':
      return { value: new RedisError(line), next: after };
    case ':':
      return { value: Number(line), next: after };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, next: after };
      if (buffer.length < after + length + 2) return undefined;
      return { value: buffer.toString('utf8', after, after + length), next: after + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, next: after };
      const items: RespValue[] = [];
      let next = after;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buffer, next);
        if (item === undefined) return undefined;
        items.push(item.value instanceof RedisError ? item.value.message : item.value);
        next = item.next;
      }
      return { value: items, next };
    }
    default:
      throw new RedisError(`respuesta RESP mal formada: tipo «${kind}»`);
  }
}

/** A connection to one Redis server: `command(...)` resolves with its reply, in order. */
export class RedisConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly pending: { resolve: (v: RespValue) => void; reject: (e: Error) => void }[] = [];
  private closedError: Error | undefined;

  private constructor(private readonly socket: Socket, readonly port: number) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error(`la conexión con Redis en 127.0.0.1:${port} se cerró`)));
  }

  /** Opens a connection to 127.0.0.1:`port` (rejects after `timeoutMs`, default 2000). */
  static connect(port: number, timeoutMs = 2_000): Promise<RedisConnection> {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no pude conectar con Redis en 127.0.0.1:${port} en ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(new RedisConnection(socket, port));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  /** Sends one command; resolves with the reply, rejects with a {@link RedisError} or a closed connection. */
  command(...args: (string | number)[]): Promise<RespValue> {
    if (this.closedError !== undefined) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.socket.write(encodeCommand(args));
    });
  }

  /** Closes the connection; pending commands are rejected. */
  close(): void {
    this.socket.destroy();
    this.fail(new Error('conexión cerrada'));
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let offset = 0;
    for (;;) {
      let parsed: ReturnType<typeof parseReply>;
      try {
        parsed = parseReply(this.buffer, offset);
      } catch (error) {
        this.fail(error as Error);
        this.socket.destroy();
        return;
      }
      if (parsed === undefined) break;
      offset = parsed.next;
      const waiter = this.pending.shift();
      if (waiter === undefined) continue;
      if (parsed.value instanceof RedisError) waiter.reject(parsed.value);
      else waiter.resolve(parsed.value);
    }
    this.buffer = this.buffer.subarray(offset);
  }

  private fail(error: Error): void {
    this.closedError ??= error;
    for (const waiter of this.pending.splice(0)) waiter.reject(error);
  }
}

/** A running redis-server: its port, its process and a way to stop it. */
export interface RedisServer {
  readonly port: number;
  readonly handle: ServiceHandle;
  /** Opens a new connection to it. */
  connect(): Promise<RedisConnection>;
  stop(): Promise<void>;
}

/** The redis-server binary, or undefined when Redis is not installed. */
export function redisBinary(): string | undefined {
  return findBinary('redis-server');
}

async function answersPing(port: number): Promise<boolean> {
  let connection: RedisConnection | undefined;
  try {
    connection = await RedisConnection.connect(port, 300);
    return (await connection.command('PING')) === 'PONG';
  } catch {
    return false;
  } finally {
    connection?.close();
  }
}

/**
 * Starts a redis-server on 127.0.0.1 (a free port unless given), without persistence, data in
 * `build/services/redis-<port>`; with `replicaOf`, as a replica of that local port. Throws
 * {@link ServiceMissing} when redis-server is not installed.
 * @example
 * const redis = await startRedis();
 * const c = await redis.connect(); await c.command('SET', 'x', '1'); c.close();
 * await redis.stop();
 */
export async function startRedis(options: { port?: number; replicaOf?: number; extraArgs?: readonly string[] } = {}): Promise<RedisServer> {
  const binary = redisBinary();
  if (binary === undefined) throw new ServiceMissing('redis', 'redis-server', 'redis-server');
  const port = options.port ?? (await freePort());
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--daemonize', 'no', '--repl-diskless-sync-delay', '0', '--dir', serviceDataDir('redis', port)];
  if (options.replicaOf !== undefined) args.push('--replicaof', '127.0.0.1', String(options.replicaOf));
  args.push(...(options.extraArgs ?? []));
  const handle = await startService({ name: 'redis', command: binary, args, dataDir: serviceDataDir('redis', port), ready: () => answersPing(port) });
  return { port, handle, connect: () => RedisConnection.connect(port), stop: () => handle.stop() };
}

/** Reads one field of `INFO replication` (e.g. `master_link_status`, `connected_slaves`). */
export async function replicationField(connection: RedisConnection, field: string): Promise<string | undefined> {
  const info = String(await connection.command('INFO', 'replication'));
  const line = info.split('\r\n').find((l) => l.startsWith(`${field}:`));
  return line?.slice(field.length + 1);
}

/** A primary and one replica on 127.0.0.1, the replica's link up. Stop both with `stop()`. */
export interface RedisPair {
  readonly primary: RedisServer;
  readonly replica: RedisServer;
  stop(): Promise<void>;
}

/** Starts a primary and a replica of it, and waits (up to `timeoutMs`, default 10 s) until the replica is in sync. */
export async function startRedisPair(timeoutMs = 10_000): Promise<RedisPair> {
  const primary = await startRedis();
  let replica: RedisServer | undefined;
  try {
    replica = await startRedis({ replicaOf: primary.port });
    const c = await replica.connect();
    try {
      const deadline = Date.now() + timeoutMs;
      while ((await replicationField(c, 'master_link_status')) !== 'up') {
        if (Date.now() > deadline) throw new Error(`la réplica no se sincronizó con el primario en ${timeoutMs} ms\n${replica.handle.logTail(10)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      c.close();
    }
  } catch (error) {
    await Promise.all([primary.stop(), replica?.stop()]);
    throw error;
  }
  const r = replica;
  return { primary, replica: r, stop: async () => void (await Promise.all([primary.stop(), r.stop()])) };
}
