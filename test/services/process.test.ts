import { existsSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  findBinary,
  freePort,
  missingServiceMessage,
  nonLoopbackAddress,
  portOpen,
  runningServices,
  serviceDataDir,
  startService,
  stopAllServices,
  ServiceMissing,
} from '../../lib/services/index';

/** A tiny TCP server in plain Node, standing in for a real service (a reset by the readiness probe is not a crash). */
function nodeServer(port: number, extra = ''): string[] {
  return ['-e', `${extra}; require('node:net').createServer((s) => { s.on('error', () => {}); s.end('hola'); }).listen(${port}, '127.0.0.1')`];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterAll(async () => {
  await stopAllServices();
});

describe('lib/services: finding binaries and ports', () => {
  it('finds an installed executable and says undefined for a missing one', () => {
    expect(findBinary('sh')).toMatch(/\/sh$/);
    expect(findBinary(process.execPath)).toBe(process.execPath);
    expect(findBinary('no-such-binary-dsk-xyz')).toBeUndefined();
    expect(findBinary('')).toBeUndefined();
    expect(findBinary('../sh')).toBeUndefined();
  });

  it('treats the binaries named in KIT_HIDE_BINARIES as missing (to try the "not installed" path)', () => {
    const saved = process.env.KIT_HIDE_BINARIES;
    try {
      process.env.KIT_HIDE_BINARIES = 'otro, sh';
      expect(findBinary('sh')).toBeUndefined();
      expect(findBinary('/bin/sh')).toBeUndefined();
      expect(findBinary(process.execPath)).toBe(process.execPath);
    } finally {
      if (saved === undefined) delete process.env.KIT_HIDE_BINARIES;
      else process.env.KIT_HIDE_BINARIES = saved;
    }
    expect(findBinary('sh')).toMatch(/\/sh$/);
  });

  it('gives a Spanish install message naming the apt-get command', () => {
    const message = missingServiceMessage('redis', 'redis-server', 'redis-server');
    expect(message).toContain('No encuentro redis-server');
    expect(message).toContain('sudo apt-get install redis-server');
    const error = new ServiceMissing('etcd', 'etcd', 'etcd-server');
    expect(error.service).toBe('etcd');
    expect(error.message).toContain('sudo apt-get install etcd-server');
  });

  it('hands out a free loopback port that nothing listens on, and rejects bad ports', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
    expect(await portOpen(port)).toBe(false);
    expect(await portOpen(-1)).toBe(false);
    expect(await portOpen(70_000)).toBe(false);
  });

  it('accepts 127.0.0.1 only, in plain arguments and in URLs', () => {
    expect(nonLoopbackAddress('127.0.0.1')).toBeUndefined();
    expect(nonLoopbackAddress('http://127.0.0.1:2379')).toBeUndefined();
    expect(nonLoopbackAddress('--port=6379')).toBeUndefined();
    expect(nonLoopbackAddress('0.0.0.0')).toBe('0.0.0.0');
    expect(nonLoopbackAddress('http://10.1.2.3:2380')).toBe('10.1.2.3');
    expect(nonLoopbackAddress('::')).toBe('IPv6');
    expect(nonLoopbackAddress('http://[::1]:80')).toBe('IPv6');
    expect(nonLoopbackAddress('localhost:80')).toBe('localhost');
  });

  it('puts data folders under build/services and refuses odd names', () => {
    expect(serviceDataDir('redis', 6379)).toMatch(/build\/services\/redis-6379$/);
    expect(() => serviceDataDir('../x', 1)).toThrow(/no válido/);
  });
});

describe('lib/services: starting and stopping', () => {
  it('starts a server, waits until it answers, pauses it, and stops it leaving nothing behind', async () => {
    const port = await freePort();
    const dataDir = serviceDataDir('test-node', port);
    const service = await startService({ name: 'node', command: process.execPath, args: nodeServer(port, "console.log('arrancado')"), dataDir, ready: () => portOpen(port) });
    expect(await portOpen(port)).toBe(true);
    expect(existsSync(dataDir)).toBe(true);
    expect(runningServices()).toContain(service);
    expect(alive(service.pid)).toBe(true);
    service.kill('SIGSTOP');
    service.kill('SIGCONT');
    await service.stop();
    await service.stop(); // idempotent
    expect(service.hasExited).toBe(true);
    expect(alive(service.pid)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
    expect(runningServices()).not.toContain(service);
    expect(service.logTail()).toContain('arrancado');
    expect(await portOpen(port)).toBe(false);
  });

  it('stops a paused service too (SIGTERM needs a SIGCONT)', async () => {
    const port = await freePort();
    const service = await startService({ name: 'node', command: process.execPath, args: nodeServer(port), dataDir: serviceDataDir('test-paused', port), ready: () => portOpen(port) });
    service.kill('SIGSTOP');
    await service.stop(2_000);
    expect(alive(service.pid)).toBe(false);
  });

  it('kills with SIGKILL a service that ignores SIGTERM, and its whole process group', async () => {
    const port = await freePort();
    // The service starts a grandchild (a sleeping shell) in its group, then ignores SIGTERM.
    const extra = "process.on('SIGTERM', () => {}); const c = require('node:child_process').spawn('sleep', ['60'], { stdio: 'ignore' }); console.log('nieto=' + c.pid)";
    const service = await startService({ name: 'node', command: process.execPath, args: nodeServer(port, extra), dataDir: serviceDataDir('test-stubborn', port), ready: () => portOpen(port), keep: true });
    const grandchild = Number(/nieto=(\d+)/.exec(service.logTail())?.[1]);
    expect(grandchild).toBeGreaterThan(0);
    expect(alive(grandchild)).toBe(true);
    await service.stop(300);
    expect(await service.exited).toBeNull();
    expect(alive(service.pid)).toBe(false);
    // The grandchild got the group's SIGKILL (it may linger as a zombie of its dead parent for a moment).
    for (let i = 0; i < 40 && alive(grandchild); i++) await new Promise((r) => setTimeout(r, 25));
    expect(alive(grandchild)).toBe(false);
    expect(existsSync(service.dataDir)).toBe(true); // keep: true
    rmSync(service.dataDir, { recursive: true, force: true });
  });

  it('reports a service that dies before it is ready, with its log', async () => {
    const port = await freePort();
    await expect(
      startService({ name: 'node', command: process.execPath, args: ['-e', "console.error('fallo de arranque'); process.exit(3)"], dataDir: serviceDataDir('test-dies', port), ready: () => portOpen(port) }),
    ).rejects.toThrow(/terminó antes de estar listo \(código 3\)[\s\S]*fallo de arranque/);
    expect(runningServices()).toEqual([]);
  });

  it('gives up after timeoutMs when it never gets ready, and kills it', async () => {
    const port = await freePort();
    await expect(
      startService({ name: 'node', command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'], dataDir: serviceDataDir('test-slow', port), ready: async () => false, timeoutMs: 300 }),
    ).rejects.toThrow(/no estuvo listo en 300 ms/);
    expect(runningServices()).toEqual([]);
  });

  it('refuses addresses other than 127.0.0.1, missing binaries and relative data folders', async () => {
    const base = { name: 'x', dataDir: serviceDataDir('test-bad', 1), ready: async () => true };
    await expect(startService({ ...base, command: process.execPath, args: ['--bind', '0.0.0.0'] })).rejects.toThrow(/solo se permite 127.0.0.1/);
    await expect(startService({ ...base, command: 'no-such-binary-dsk-xyz', args: [] })).rejects.toThrow(/no encuentro el ejecutable/);
    await expect(startService({ ...base, command: process.execPath, args: [], dataDir: 'build/x' })).rejects.toThrow(/ruta absoluta/);
    await expect(startService({ ...base, name: 'a/b', command: process.execPath, args: [] })).rejects.toThrow(/nombre no válido/);
  });
});
