import { afterAll, describe, expect, it } from 'vitest';
import { encodeCommand, parseReply, RedisConnection, RedisError, redisBinary, replicationField, startRedis, startRedisPair } from '../../lib/services/redis';
import { freePort, runningServices, stopAllServices } from '../../lib/services/process';
import { redisCrashRun, redisWriteLatencies } from '../../lib/replication/redis-lab';

const missing = redisBinary() === undefined;

afterAll(async () => {
  await stopAllServices();
});

describe('RESP encoding and parsing', () => {
  it('encodes a command as an array of bulk strings', () => {
    expect(encodeCommand(['SET', 'x', 12]).toString()).toBe('*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$2\r\n12\r\n');
    expect(encodeCommand(['SET', 'ñ', '']).toString()).toBe('*3\r\n$3\r\nSET\r\n$2\r\nñ\r\n$0\r\n\r\n');
  });

  it('parses every reply kind, and says "incomplete" for a partial one', () => {
    expect(parseReply(Buffer.from('+OK\r\n'))).toEqual({ value: 'OK', next: 5 });
    expect(parseReply(Buffer.from(':42\r\n'))?.value).toBe(42);
    expect(parseReply(Buffer.from('$-1\r\n'))?.value).toBeNull();
    expect(parseReply(Buffer.from('$5\r\nhola!\r\n'))?.value).toBe('hola!');
    expect(parseReply(Buffer.from('*2\r\n$1\r\na\r\n:1\r\n'))?.value).toEqual(['a', 1]);
    expect(parseReply(Buffer.from('-ERR malo\r\n'))?.value).toBeInstanceOf(RedisError);
    expect(parseReply(Buffer.from('$5\r\nho'))).toBeUndefined();
    expect(parseReply(Buffer.from('*2\r\n$1\r\na\r\n'))).toBeUndefined();
    expect(parseReply(Buffer.from('+OK'))).toBeUndefined();
  });

  it('rejects a malformed reply type with a clear error', () => {
    expect(() => parseReply(Buffer.from('?raro\r\n'))).toThrow(/mal formada/);
  });

  it('without redis-server (hidden with KIT_HIDE_BINARIES) refuses to start, naming the apt-get command', async () => {
    const saved = process.env.KIT_HIDE_BINARIES;
    process.env.KIT_HIDE_BINARIES = 'redis-server';
    try {
      expect(redisBinary()).toBeUndefined();
      await expect(startRedis()).rejects.toThrow(/sudo apt-get install redis-server/);
      await expect(startRedisPair()).rejects.toThrow(/No encuentro redis-server/);
      expect(runningServices()).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.KIT_HIDE_BINARIES;
      else process.env.KIT_HIDE_BINARIES = saved;
    }
  });

  it('fails to connect to a closed port with a clear error, never hanging', async () => {
    const port = await freePort();
    await expect(RedisConnection.connect(port, 500)).rejects.toThrow();
  });
});

describe.skipIf(missing)(missing ? 'real Redis (omitido: no está redis-server; instálalo con sudo apt-get install redis-server)' : 'real Redis on 127.0.0.1', () => {
  it('replicates a write from the primary to the replica; WAIT 1 counts the replica', async () => {
    const pair = await startRedisPair();
    try {
      const p = await pair.primary.connect();
      const r = await pair.replica.connect();
      expect(await p.command('SET', 'x', 'hola')).toBe('OK');
      expect(await p.command('WAIT', 1, 1000)).toBe(1);
      expect(await r.command('GET', 'x')).toBe('hola');
      expect(await replicationField(r, 'role')).toBe('slave');
      await expect(r.command('SET', 'y', '1')).rejects.toThrow(/READONLY/);
      await expect(p.command('NOSUCHCOMMAND')).rejects.toBeInstanceOf(RedisError);
      expect(await p.command('PING')).toBe('PONG'); // the connection survives an error reply
      const latencies = await redisWriteLatencies(pair, { mode: 'wait', writes: 20 });
      expect(latencies).toHaveLength(20);
      p.close();
      r.close();
      await expect(p.command('PING')).rejects.toThrow(/cerrada/);
    } finally {
      await pair.stop();
    }
    expect(runningServices()).toEqual([]);
  });

  it('kill -9 then promotion: every write acknowledged by WAIT 1 is on the promoted replica', async () => {
    const result = await redisCrashRun({ mode: 'wait', writes: 300, clients: 4 });
    expect(result.acked).toBe(300);
    expect(result.lost).toBe(0);
    expect(runningServices()).toEqual([]);
  });

  it('async acknowledgements are lost when the replica lags (paused) and the primary is killed', async () => {
    const result = await redisCrashRun({ mode: 'async', writes: 2000, valueBytes: 16_384, slowReplica: true, maxPauseMs: 3000 });
    expect(result.acked).toBe(2000);
    expect(result.lost).toBeGreaterThan(0);
    expect(runningServices()).toEqual([]);
  }, 30_000);

  it('stops a server it started and leaves no process behind', async () => {
    const server = await startRedis();
    const pid = server.handle.pid;
    await server.stop();
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
