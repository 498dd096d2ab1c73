/**
 * The same Raft as five real OS processes (lib/runtime) on 127.0.0.1: KV clients, kill -9 of the
 * leader and of a follower, restarts from the fsynced files, a partition through the launcher;
 * the history must be linearizable and no process may outlive the test.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runRaftProcesses } from '../../lib/raft/processes';
import { runtimeProcesses } from '../../lib/runtime/index';

afterAll(() => {
  expect(runtimeProcesses(`${process.pid}.`) ?? [], 'procesos de nodos que sobreviven a la prueba').toEqual([]);
});

describe('Raft as real processes (lib/runtime)', () => {
  it('survives kill -9 of the leader and of a follower and a partition; the KV history is linearizable (§5, §8)', async () => {
    const result = await runRaftProcesses({ phaseMs: 800 });
    expect(result.fatalErrors, 'el código del protocolo lanzó una excepción').toEqual([]);
    expect(result.faults.filter((f) => f.startsWith('kill -9')).length).toBe(2);
    expect(result.faults.some((f) => f.startsWith('partición'))).toBe(true);
    expect(result.committed, 'casi ninguna operación completada').toBeGreaterThan(20);
    expect(result.verdict, `historia de ${result.history.length} operaciones`).toBe('ok');
  }, 90_000);
});
