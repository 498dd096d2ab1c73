import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { encodeFrame } from '../../lib/net/framing';
import { launchCluster, runtimeProcesses } from '../../lib/runtime/index';
import type { Cluster, LaunchOptions } from '../../lib/runtime/index';
import type { TestMessage } from './fixtures/nodes';

const ROOT = resolve(__dirname, '..', '..');
const NODES = join(__dirname, 'fixtures', 'nodes');
const running = new Set<Cluster<never>>();

async function launch<M>(options: LaunchOptions): Promise<Cluster<M>> {
  const cluster = await launchCluster<M>(options);
  running.add(cluster as Cluster<never>);
  return cluster;
}

afterEach(async () => {
  await Promise.all([...running].map((c) => c.stop()));
  running.clear();
});

afterAll(() => {
  expect(runtimeProcesses(`${process.pid}.`) ?? []).toEqual([]);
});

/** Polls `condition` every 20 ms until it holds or `timeoutMs` passes; returns whether it held. */
async function eventually(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return condition();
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('bad input gives a clear error, never a hang or a leftover process', () => {
  it('rejects a module that throws at load, with its error, and leaves no process', async () => {
    await expect(launchCluster({ module: join(__dirname, 'fixtures', 'throws-at-load'), factory: 'x', nodeIds: ['n1'] })).rejects.toThrow(
      /lanzó un error al cargarse: Error: este módulo falla al cargarse/,
    );
    expect(runtimeProcesses(`${process.pid}.`) ?? []).toEqual([]);
  });

  it('rejects a factory name the module does not export, listing what it does export', async () => {
    await expect(launchCluster({ module: NODES, factory: 'nope', nodeIds: ['n1'] })).rejects.toThrow(/no exporta una función "nope" \(funciones exportadas: .*counter.*relay/);
  });

  it('rejects a module path that does not exist, repeated ids and a bad durability, before starting anything', async () => {
    await expect(launchCluster({ module: join(__dirname, 'no-such-file'), factory: 'x', nodeIds: ['n1'] })).rejects.toThrow(/no existe el módulo/);
    await expect(launchCluster({ module: NODES, factory: 'relay', nodeIds: ['n1', 'n1'] })).rejects.toThrow(/ids repetidos/);
    await expect(launchCluster({ module: NODES, factory: 'relay', nodeIds: ['n1'], durability: 'never' as 'fsync' })).rejects.toThrow(/durability debe ser/);
    expect(runtimeProcesses(`${process.pid}.`) ?? []).toEqual([]);
  });

  it('survives malformed frames from a stranger: closes that connection, reports it, keeps serving', async () => {
    const cluster = await launch<TestMessage>({ module: NODES, factory: 'relay', nodeIds: ['a', 'b'] });
    const sendRaw = (bytes: Buffer) =>
      new Promise<void>((done) => {
        const socket: Socket = connect(cluster.port('b') as number, '127.0.0.1', () => socket.end(bytes));
        socket.on('close', () => done());
        socket.on('error', () => done());
      });
    await sendRaw(encodeFrame('esto no es json'));
    await sendRaw(Buffer.concat([encodeFrame(JSON.stringify({ hello: 'a' })), encodeFrame('{"k": 1}')]));
    await sendRaw(Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3]));
    await cluster.waitFor((c) => c.errors.length === 3);
    expect(cluster.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/trama malformada: se esperaba un saludo JSON/),
      expect.stringMatching(/de a cerrada: trama malformada: se esperaba \{"k", "t", "m"\}/),
      expect.stringMatching(/supera el máximo/),
    ]);
    expect(cluster.errors.every((e) => !e.fatal)).toBe(true);
    cluster.inject('a', { type: 'Forward', to: 'b', text: 'sigue vivo' });
    await cluster.waitFor((c) => c.outputs.some((o) => o.label === 'got'));
  });

  it('unknown ids, a waitFor timeout and an exception in protocol code give clear errors; only that node dies', async () => {
    const cluster = await launch<TestMessage>({ module: NODES, factory: 'relay', nodeIds: ['a', 'b'] });
    expect(() => cluster.inject('zz', { type: 'Hello', text: '' })).toThrow(/nodo desconocido "zz" \(nodos: a, b\)/);
    await expect(cluster.kill('zz')).rejects.toThrow(/nodo desconocido/);
    await expect(cluster.waitFor(() => false, { timeoutMs: 200 })).rejects.toThrow(/no se cumplió en 200 ms. Últimos eventos:\nt=\d+ \w inicio/);
    cluster.inject('b', { type: 'Boom' });
    await expect(cluster.waitFor(() => false, { timeoutMs: 10_000 })).rejects.toThrow(/el nodo b murió: el nodo b lanzó una excepción en step: Error: fallo deliberado en step/);
    await cluster.waitFor((c) => c.status('b') === 'crashed');
    expect(cluster.status('a')).toBe('running');
    expect(cluster.trace().filter((e) => e.kind === 'crash').map((e) => e.kind === 'crash' && e.node)).toEqual(['b']);
  });

  it('refuses a timer without a delay (afterMs undefined) as a protocol error', async () => {
    const cluster = await launch<TestMessage>({ module: NODES, factory: 'badTimer', nodeIds: ['a'] });
    await cluster.waitFor((c) => c.errors.some((e) => e.fatal));
    expect(cluster.errors[0]?.message).toMatch(/el nodo a lanzó una excepción en start: RangeError: setTimer\("t"\): afterMs must be a finite number >= 0, got undefined/);
  });
});

describe('no process outlives its launcher', () => {
  it('kills the nodes, a paused one too, when the launcher process is SIGKILLed', async () => {
    const launcher = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), join(__dirname, 'fixtures', 'orphan-launcher.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((done, fail) => {
        let out = '';
        let err = '';
        launcher.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) done(out.split('\n')[0] as string);
        });
        launcher.stderr.on('data', (d: Buffer) => (err += d.toString()));
        launcher.on('exit', (code) => fail(new Error(`launcher exited (${code}): ${err}`)));
      });
      const { pids, tag } = JSON.parse(line) as { pids: number[]; tag: string };
      expect(pids.every(alive)).toBe(true);
      expect(runtimeProcesses(tag)?.map((p) => p.node).sort()).toEqual(['a', 'b']);
      launcher.kill('SIGKILL');
      // 'a' sees its IPC channel close; the paused 'b' cannot, the reaper kills it.
      expect(await eventually(() => (runtimeProcesses(tag) ?? []).length === 0, 5_000)).toBe(true);
      expect(runtimeProcesses(tag) ?? []).toEqual([]);
    } finally {
      launcher.kill('SIGKILL');
    }
  });
});
