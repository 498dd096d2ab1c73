// The MapReduce engine over real worker processes: equals the single-process reference on random
// datasets, survives kill -9 of a map and a reduce worker mid-task and a hung worker, reports bad
// workers and carries on, and leaves no process, socket or file behind.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JsonRpcHttpClient, RpcError } from '../../lib/rpc/index';
import { kitBuildRoot, killDuring, lectureDistributeAndReduce, pauseDuring, runMapReduce, runSequential, sentimentOf, startWorkerPool } from '../../lib/mapreduce/index';
import type { WorkerPool } from '../../lib/mapreduce/index';
import { runtimeProcesses } from '../../lib/runtime/index';
import { pidAlive, randomCase, Servers, tcpHandles, workDir } from './helpers';

const pools: WorkerPool[] = [];
const servers = new Servers();
let baselineTcp = 0;

async function pool(count: number): Promise<WorkerPool> {
  const p = await startWorkerPool({ count });
  pools.push(p);
  return p;
}

beforeAll(() => {
  baselineTcp = tcpHandles();
});

afterEach(async () => {
  await servers.closeAll();
});

afterAll(async () => {
  const pids = pools.flatMap((p) => p.workers.map((w) => w.pid));
  await Promise.all(pools.map((p) => p.stop()));
  expect(runtimeProcesses(`${process.pid}.mapreduce`) ?? []).toEqual([]);
  expect(pids.filter(pidAlive)).toEqual([]);
  // Sockets close asynchronously; give them a moment, then none of ours may remain.
  for (let i = 0; i < 50 && tcpHandles() > baselineTcp; i++) await new Promise((r) => setTimeout(r, 20));
  expect(tcpHandles()).toBeLessThanOrEqual(baselineTcp);
});

describe('MapReduce on worker processes', () => {
  let shared: WorkerPool;
  beforeAll(async () => {
    shared = await pool(3);
  }, 30_000);

  it('equals the single-process reference on random datasets, seeds 1–12', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const c = randomCase(seed);
      const expected = runSequential(c.job, c.lines);
      const run = await runMapReduce({ ...c, workers: shared.workers, dir: workDir(`seed-${seed}`) });
      expect(run.result, `seed ${seed}`).toEqual(expected.result);
      expect(run.records, `seed ${seed}`).toBe(expected.records);
      expect(run.malformed, `seed ${seed}`).toEqual(expected.malformed.slice(0, 20));
      expect(run.reports, `seed ${seed}`).toEqual([]);
      expect(existsSync(workDir(`seed-${seed}`)), `seed ${seed}: work folder left behind`).toBe(false);
    }
  }, 30_000);

  it("with the lecture's split the engine loses the tail, with the kit's it loses nothing", async () => {
    const c = randomCase(99);
    const lines = c.lines.slice(0, 1000);
    const expected = runSequential('sentiment', lines).result;
    const lecture = (all: readonly string[], parts: number) => {
      const size = Math.floor(all.length / parts);
      const batches: string[][] = [];
      for (let i = 0; i < all.length; i += size) batches.push(all.slice(i, i + size));
      return batches.slice(0, parts); // zip(batches, workers)
    };
    const bad = await runMapReduce({ job: 'sentiment', lines, workers: shared.workers, nMap: 3, split: lecture, dir: workDir('lecture') });
    const good = await runMapReduce({ job: 'sentiment', lines, workers: shared.workers, nMap: 3, dir: workDir('kit') });
    expect(bad.records + bad.malformedCount).toBe(lines.length - (lines.length % 3));
    expect(bad.result).not.toEqual(expected);
    expect(good.result).toEqual(expected);
  }, 20_000);

  it("the lecture's distribute_and_reduce over the real workers counts all but the tail, and raises with too few comments", async () => {
    const texts: string[] = Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? 'genial' : i % 3 === 1 ? 'malo y lento' : 'el paquete'));
    texts[999] = 'excelente'; // the one zip drops
    const out = await lectureDistributeAndReduce(texts, shared.workers);
    expect(out.sent).toBe(999);
    expect(out.lost).toEqual(['excelente']);
    const kept = texts.slice(0, 999).map(sentimentOf);
    expect(out.finalResult).toEqual({ positivo: kept.filter((s) => s === 'positivo').length, negativo: kept.filter((s) => s === 'negativo').length });
    await expect(lectureDistributeAndReduce(['uno', 'dos'], shared.workers)).rejects.toThrow(/range\(\) arg 3 must not be zero/);
  });

  it('a worker reads and writes only inside a work folder under build/: other paths get -32602 with a Spanish reason', async () => {
    const client = new JsonRpcHttpClient({ url: shared.workers[0]!.url, retries: 0 });
    const inside = workDir('paths');
    const outside = mkdtempSync(join(tmpdir(), 'mr-outside-'));
    try {
      mkdirSync(inside, { recursive: true });
      writeFileSync(join(inside, 'input-0.jsonl'), '{"text":"genial"}\n');
      writeFileSync(join(outside, 'input-0.jsonl'), '{"text":"genial"}\n');
      const refused = async (method: string, params: Record<string, unknown>): Promise<string> => {
        const error = await client.call(method, params).catch((e: unknown) => e);
        expect(error, `${method} ${JSON.stringify(params)}`).toBeInstanceOf(RpcError);
        expect((error as RpcError).code).toBe(-32602);
        return String((error as RpcError).data);
      };
      const map = { job: 'sentiment', task: 0, firstLine: 0, nReduce: 1, attempt: 1 };
      expect(await refused('map', { ...map, inputPath: join(outside, 'input-0.jsonl'), dir: outside })).toMatch(/no está dentro de build\/ del kit/);
      expect(await refused('map', { ...map, inputPath: '/etc/passwd', dir: inside })).toMatch(/inputPath debe ser un fichero input-<n>\.jsonl de la carpeta de trabajo/);
      expect(await refused('map', { ...map, inputPath: join(inside, '..', '..', '..', 'package.json'), dir: inside })).toMatch(/inputPath debe ser/);
      expect(await refused('map', { ...map, inputPath: 'input-0.jsonl', dir: 'build/x' })).toMatch(/ruta absoluta/);
      expect(await refused('reduce', { job: 'sentiment', task: 0, nMap: 1, attempt: 1, dir: join(inside, '..', '..', '..', '..') })).toMatch(/no está dentro de build\/ del kit/);
      expect(await refused('reduce', { job: 'sentiment', task: 0, nMap: 1, attempt: 1, dir: kitBuildRoot() })).toMatch(/no está dentro de build\/ del kit/);
      // Nothing was written outside, and inside the same call works.
      expect(readdirSync(outside)).toEqual(['input-0.jsonl']);
      await expect(client.call('map', { ...map, inputPath: join(inside, 'input-0.jsonl'), dir: inside })).resolves.toMatchObject({ kind: 'map', records: 1 });
      await expect(runMapReduce({ job: 'sentiment', lines: ['{"text":"genial"}'], workers: shared.workers, dir: outside })).rejects.toThrow(/no está dentro de build\/ del kit/);
      expect(readdirSync(outside), 'the coordinator refused before removing or writing anything').toEqual(['input-0.jsonl']);
    } finally {
      client.close();
      rmSync(inside, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a worker refuses malformed params with -32602 and a Spanish reason', async () => {
    const client = new JsonRpcHttpClient({ url: shared.workers[0]!.url, retries: 0 });
    try {
      const error = await client.call('map', { job: 'nope', task: 0, inputPath: '/x', firstLine: 0, nReduce: 1, dir: '/tmp', attempt: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RpcError);
      expect((error as RpcError).code).toBe(-32602);
      expect(String((error as RpcError).data)).toMatch(/trabajo desconocido "nope"/);
    } finally {
      client.close();
    }
  });
});

describe('Breaking it: kill -9 and a hung worker', () => {
  it('cancel() clears a fault plan\'s pending timers: a job that ended early gets no late kill or stop', async () => {
    const signalled: string[] = [];
    const fake = { kill: (id: string) => signalled.push(`kill ${id}`), pause: (id: string) => signalled.push(`pause ${id}`) } as unknown as WorkerPool;
    const kill = killDuring(fake, ['map 0'], { afterMs: 50 });
    const stop = pauseDuring(fake, ['reduce 0'], { afterMs: 50 });
    kill.onAttemptStart!({ task: 'map 0', worker: 'w1', attempt: 1 });
    stop.onAttemptStart!({ task: 'reduce 0', worker: 'w2', attempt: 1 });
    kill.cancel();
    stop.cancel();
    kill.onAttemptStart!({ task: 'map 0', worker: 'w3', attempt: 1 }); // after cancel: nothing more
    await new Promise((r) => setTimeout(r, 200));
    expect(signalled).toEqual([]);
    // Without cancel the timer does fire (the check above can fail).
    const live = killDuring(fake, ['map 0'], { afterMs: 10 });
    live.onAttemptStart!({ task: 'map 0', worker: 'w4', attempt: 1 });
    await new Promise((r) => setTimeout(r, 200));
    live.cancel();
    expect(signalled).toEqual(['kill w4']);
  });

  it.each([21, 22])('kill -9 of a map worker and a reduce worker mid-task: re-executed, result exact (seed %i)', async (seed) => {
    const p = await pool(3);
    const c = randomCase(seed);
    const faults = killDuring(p, ['map 1', 'reduce 0']);
    let run;
    try {
      run = await runMapReduce({ ...c, nMap: 4, nReduce: 2, workers: p.workers, dir: workDir(`kill-${seed}`), ...faults });
    } finally {
      faults.cancel();
    }
    expect(run.result, `seed ${seed}`).toEqual(runSequential(c.job, c.lines).result);
    const lost = run.attempts.filter((a) => a.outcome !== 'ok');
    expect(lost.map((a) => [a.task, a.outcome]).sort(), `seed ${seed}`).toEqual([['map 1', 'crashed'], ['reduce 0', 'crashed']]);
    for (const { task, worker } of faults.injected) {
      const redo = run.attempts.find((a) => a.task === task && a.outcome === 'ok');
      expect(redo?.attempt, `seed ${seed} ${task}`).toBe(2);
      expect(redo?.worker, `seed ${seed} ${task}`).not.toBe(worker);
      expect(p.alive(worker), `seed ${seed}`).toBe(false);
      // The process itself is gone (reaped) within 2 s: kill -0 fails.
      const pid = p.workers.find((w) => w.id === worker)!.pid;
      for (let i = 0; i < 100 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 20));
      expect(pidAlive(pid), `seed ${seed}: ${worker} (pid ${pid}) still alive`).toBe(false);
    }
    expect(run.leftoverTempFiles, `seed ${seed}: the killed writes leave partial temp files`).toBeGreaterThanOrEqual(2);
    expect(run.reports.join('\n')).toMatch(/map 1 \(intento 1\) en w\d: se cortó la conexión/);
    expect(run.reports.join('\n'), `seed ${seed}`).not.toMatch(/socket hang up|ECONNRESET|127\.0\.0\.1/);
    await p.stop();
  }, 30_000);

  it('a hung worker (SIGSTOP) is given up after the timeout and its task re-executed', async () => {
    const p = await pool(2);
    const c = randomCase(31);
    // Only the hung attempt has a short timeout; every other attempt gets 60 s, so a slow,
    // loaded machine cannot add a timeout. The hung one pauses 60 s mid-write (and is stopped):
    // it cannot answer within 1.2 s however the machine runs.
    const faults = pauseDuring(p, ['reduce 0'], { holdMs: 60_000 });
    const taskTimeoutMs = (task: string, attempt: number) => (task === 'reduce 0' && attempt === 1 ? 1200 : 60_000);
    let run;
    try {
      run = await runMapReduce({ ...c, nReduce: 2, workers: p.workers, taskTimeoutMs, dir: workDir('pause'), ...faults });
    } finally {
      faults.cancel();
    }
    expect(run.result, 'seed 31').toEqual(runSequential(c.job, c.lines).result);
    expect(run.attempts.filter((a) => a.outcome !== 'ok').map((a) => [a.task, a.outcome])).toEqual([['reduce 0', 'timeout']]);
    expect(run.reports[0]).toMatch(/no respondió a tiempo tras \d+ ms/);
    await p.stop();
  }, 30_000);
});

describe('Bad input: the coordinator reports and carries on', () => {
  it('a worker answering garbage, one answering an error object and a dead URL are left out', async () => {
    const good = await servers.worker('bueno');
    const workers = [await servers.garbage('basura'), await servers.erring('error'), await servers.dead('muerto'), good];
    const c = randomCase(41);
    const run = await runMapReduce({ ...c, nMap: 6, workers, dir: workDir('bad') });
    expect(run.result, 'seed 41').toEqual(runSequential(c.job, c.lines).result);
    expect([...run.lostWorkers].sort()).toEqual(['basura', 'error', 'muerto']);
    const text = run.reports.join('\n');
    expect(text).toMatch(/en basura: respondió algo que no es una respuesta válida/);
    expect(text).toMatch(/en error: respondió con un objeto de error .*-32001 disco lleno/);
    expect(text).toMatch(/en muerto: no se pudo conectar .*conexión rechazada: nadie escucha en ese puerto/);
    // Reports are in Spanish and read the same every run: no Node error codes, no address or port.
    expect(text).not.toMatch(/ECONNREFUSED|socket hang up|127\.0\.0\.1|:\d{4,5}\b/);
  });

  it('a JSON-RPC success with a result of the wrong shape counts as garbage', async () => {
    const good = await servers.worker('bueno');
    const liar = await servers.garbage('mentiroso', JSON.stringify({ jsonrpc: '2.0', id: 1, result: { kind: 'map', task: 'todas' } }));
    const c = randomCase(42);
    const run = await runMapReduce({ ...c, workers: [liar, good], dir: workDir('liar') });
    expect(run.result).toEqual(runSequential(c.job, c.lines).result);
    expect(run.reports.join('\n')).toMatch(/mentiroso: respondió algo que no es una respuesta válida/);
  });

  it('a failed write of the input splits fails the job and leaves no work folder', async () => {
    const unwritable = { toString: () => { throw new Error('disco lleno (simulado)'); } };
    const split = () => [['{"text":"genial"}'], [unwritable as unknown as string]];
    const dir = workDir('failed-write');
    await expect(runMapReduce({ job: 'sentiment', lines: ['{"text":"genial"}'], workers: [{ id: 'nadie', url: 'http://127.0.0.1:9/' }], split, dir })).rejects.toThrow(/disco lleno/);
    expect(existsSync(dir), 'work folder left behind').toBe(false);
  });

  it('with no worker left the job fails with a clear Spanish error, no hang, no folder left', async () => {
    const workers = [await servers.garbage('basura'), await servers.dead('muerto')];
    await expect(runMapReduce({ job: 'sentiment', lines: randomCase(43).lines, workers, dir: workDir('none') })).rejects.toThrow(/no queda ningún trabajador que responda/);
    expect(existsSync(workDir('none'))).toBe(false);
  });
});
