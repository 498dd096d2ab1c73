import { describe, expect, it } from 'vitest';
import { latency } from '../../lib/sim/network';
import { Simulation } from '../../lib/sim/simulation';
import { sweep } from '../../lib/sim/sweep';
import type { ClusterView } from '../../lib/sim/checkers';
import { failover, primaryBackup } from '../../lib/replication/primary-backup';
import type { PrimaryBackupNode, PrimaryBackupOptions } from '../../lib/replication/primary-backup';
import type { PrimaryBackupMessage } from '../../lib/replication/messages';
import { CRASH_NODES, runCrashExperiment, writerClient } from '../../lib/replication/crash-experiment';
import { replicationCrashScenario } from '../../lib/replication/crash-scenario';

/** A checker: at every `acked` output, at least `needed` backups hold the acknowledged index. */
function ackedOnBackups(needed: number) {
  let seen = 0;
  return (cluster: ClusterView<PrimaryBackupNode>) => {
    for (; seen < cluster.outputs.length; seen++) {
      const o = cluster.outputs[seen]!;
      if (o.label !== 'acked') continue;
      const index = (o.data as { index: number }).index;
      const holders = [...cluster.nodes.values()].filter((n) => n.id !== o.node && n.log.length >= index).length;
      if (holders < needed) return `índice ${index} confirmado con ${holders} réplicas (se necesitaban ${needed})`;
    }
    return undefined;
  };
}

function cluster(seed: number, options: PrimaryBackupOptions, needed: number) {
  return new Simulation<PrimaryBackupMessage, PrimaryBackupNode>({
    seed,
    nodeIds: [...CRASH_NODES],
    createNode: primaryBackup(options),
    network: { latency: latency.uniform(1, 20) },
    clients: { ids: ['c1', 'c2'], createClient: writerClient() },
    checkers: [ackedOnBackups(needed)],
  });
}

describe('primary-backup replication', () => {
  it('sync: the primary answers a write only once every backup holds it', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const sim = cluster(seed, { mode: 'sync' }, 3).runFor(500);
      expect(sim.violation, `seed ${seed}`).toBeUndefined();
      expect(sim.history.filter((o) => o.status === 'ok').length, `seed ${seed}`).toBeGreaterThan(3);
    }
  });

  it('semisync k: the primary answers once k backups hold it, sooner than sync', () => {
    for (const k of [1, 2]) {
      const sim = cluster(7, { mode: 'semisync', acks: k }, k).runFor(500);
      expect(sim.violation, `k=${k} seed 7`).toBeUndefined();
    }
    const ok = (options: PrimaryBackupOptions) => cluster(7, options, 0).runFor(500).history.filter((o) => o.status === 'ok').length;
    expect(ok({ mode: 'semisync', acks: 1 })).toBeGreaterThan(ok({ mode: 'sync' }));
    expect(ok({ mode: 'async' })).toBeGreaterThan(ok({ mode: 'semisync', acks: 1 }));
  });

  it('async: the primary answers writes that no backup holds yet', () => {
    let unreplicated = 0;
    let seen = 0;
    const counting = new Simulation<PrimaryBackupMessage, PrimaryBackupNode>({
      seed: 3,
      nodeIds: [...CRASH_NODES],
      createNode: primaryBackup({ mode: 'async' }),
      network: { latency: latency.uniform(1, 20) },
      clients: { ids: ['c1', 'c2'], createClient: writerClient() },
      checkers: [
        (view: ClusterView<PrimaryBackupNode>) => {
          for (; seen < view.outputs.length; seen++) {
            const o = view.outputs[seen]!;
            if (o.label !== 'acked') continue;
            const index = (o.data as { index: number }).index;
            if ([...view.nodes.values()].every((n) => n.id === o.node || n.log.length < index)) unreplicated++;
          }
          return undefined;
        },
      ],
    });
    counting.runFor(300);
    expect(unreplicated, 'seed 3').toBeGreaterThan(0);
  });

  it('is deterministic: same seed, same trace', () => {
    const run = () => new Simulation<PrimaryBackupMessage, PrimaryBackupNode>({ seed: 11, trace: true, nodeIds: [...CRASH_NODES], createNode: primaryBackup({ mode: 'semisync', acks: 2 }), clients: { ids: ['c1'], createClient: writerClient() } }).runFor(200).traceText();
    expect(run()).toBe(run());
  });

  it('failover promotes the most up-to-date live backup, which keeps every write semi-sync acknowledged', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const r = runCrashExperiment({ seed, mode: 'semisync', acks: 1 });
      const backups = ['n2', 'n3', 'n4'].map((id) => r.sim.node(id)!);
      expect(r.newPrimary, `seed ${seed}`).toBeDefined();
      expect(r.sim.node(r.newPrimary!)!.role, `seed ${seed}`).toBe('primary');
      expect(Math.max(...backups.map((b) => b.log.length)), `seed ${seed}`).toBe(r.sim.node(r.newPrimary!)!.log.length);
      expect(r.lost, `seed ${seed}: ${r.lostValues.join(',')}`).toBe(0);
      expect(r.acked, `seed ${seed}`).toBeGreaterThan(0);
    }
  });

  it('a failover to a lagging backup (failoverTo: Madrid) loses semi-sync acknowledged writes; an unknown target is a clear error', () => {
    let lost = 0;
    for (let seed = 1; seed <= 12; seed++) lost += runCrashExperiment({ seed, mode: 'semisync', acks: 1, failoverTo: 'n4' }).lost;
    expect(lost, 'seeds 1..12').toBeGreaterThan(0);
    expect(() => runCrashExperiment({ seed: 1, mode: 'semisync', failoverTo: 'n9' })).toThrow(/«n9» no existe o está caído/);
  });

  it('criticality (the lecture\'s hybrid): critical writes survive a crash, audit writes may not', () => {
    let lostAudit = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const r = runCrashExperiment({ seed, mode: 'criticality', criticalFraction: 0.1 });
      expect(r.lostCritical, `seed ${seed}`).toBe(0);
      expect(r.ackedCritical, `seed ${seed}`).toBeGreaterThan(0);
      lostAudit += r.lost - r.lostCritical;
    }
    expect(lostAudit).toBeGreaterThan(0);
  });

  it('semisync k=1 loses writes when the primary and the best backup die together; k=2 does not', () => {
    let lost1 = 0;
    for (let seed = 1; seed <= 12; seed++) {
      lost1 += runCrashExperiment({ seed, mode: 'semisync', acks: 1, crashBestBackup: true }).lost;
      expect(runCrashExperiment({ seed, mode: 'semisync', acks: 2, crashBestBackup: true }).lost, `seed ${seed}`).toBe(0);
    }
    expect(lost1).toBeGreaterThan(0);
  });

  it('answers bad input with a clear error and never changes the log (malformed requests, unknown messages, a backup asked)', () => {
    const sim = new Simulation<PrimaryBackupMessage, PrimaryBackupNode>({ seed: 1, nodeIds: ['n1', 'n2'], createNode: primaryBackup({ mode: 'async' }) });
    const bad: unknown[] = [
      { type: 'Request', requestId: 'r1', input: { f: 'write', key: 'x', value: 3 } },
      { type: 'Request', requestId: 'r2', input: { f: 'delete', key: 'x' } },
      { type: 'Request', requestId: 'r3', input: null },
      { type: 'Request', requestId: 'r4', input: { f: 'write', key: '', value: 'v' } },
      { type: 'Bogus' },
      null,
      'texto',
      { type: 'Replicate', epoch: 1, entries: 'no es una lista' },
      { type: 'ReplicateAck', epoch: 1, matchIndex: 'mucho' },
      { type: 'Request', input: { f: 'write', key: 'x', value: 'sin id' } },
      { type: 'Promote', epoch: 'dos', backups: [] },
    ];
    // A backup fed malformed log entries keeps its log as it was, and says so.
    const badEntries: unknown[] = [
      { type: 'Replicate', epoch: 1, entries: [null] },
      { type: 'Replicate', epoch: 1, entries: [{ index: 'uno', key: 'x', value: 'v', requestId: 'a' }] },
      { type: 'Replicate', epoch: 1, entries: [{ index: 1, key: 'x', value: 7, requestId: 'a' }] },
      { type: 'Replicate', epoch: 'uno', entries: [] },
      { type: 'Promote', epoch: 9, backups: [null] },
    ];
    for (const m of badEntries) sim.inject('n2', m as PrimaryBackupMessage, { from: 'n1' });
    for (const m of bad) sim.inject('n1', m as PrimaryBackupMessage, { from: 'x' });
    sim.inject('n2', { type: 'Request', requestId: 'r5', input: { f: 'write', key: 'x', value: 'v' } }, { from: 'x' });
    sim.runFor(100);
    expect(sim.violation).toBeUndefined();
    expect(sim.node('n1')!.log).toEqual([]);
    expect(sim.node('n2')!.log).toEqual([]);
    const replies = sim.received('x').map((d) => d.message as { type: string; output?: { error?: string } });
    expect(replies.filter((r) => r.type === 'Reply').map((r) => r.output?.error).sort()).toEqual(['el valor (value) debe ser un texto', 'falta la clave (key)', 'operación desconocida «delete»', 'petición sin operación']);
    expect(replies.some((r) => r.type === 'NotPrimary')).toBe(true);
    expect(sim.node('n2')!.role).toBe('backup');
    expect(sim.outputs.filter((o) => o.node === 'n2' && o.label === 'malformed')).toHaveLength(badEntries.length);
  });

  it('failover with nobody alive returns undefined instead of throwing', () => {
    const sim = new Simulation<PrimaryBackupMessage, PrimaryBackupNode>({ seed: 1, nodeIds: ['n1', 'n2'], createNode: primaryBackup() });
    sim.crash('n1').crash('n2');
    expect(failover(sim)).toBeUndefined();
  });

  it('rejects an unknown mode and a negative ack count', () => {
    expect(() => new Simulation({ seed: 1, nodeIds: ['n1'], createNode: primaryBackup({ mode: 'quantum' as never }), onViolation: 'throw' })).toThrow(/modo desconocido/);
    expect(() => new Simulation({ seed: 1, nodeIds: ['n1'], createNode: primaryBackup({ mode: 'semisync', acks: -1 }), onViolation: 'throw' })).toThrow(/acks debe ser un entero/);
  });
});

describe('primary-backup crash sweep (swarm faults)', () => {
  const seeds = 100;
  it(`sync and semisync k=1 lose no acknowledged write on a single crash (${seeds} seeds each)`, () => {
    for (const options of [{ mode: 'sync' as const }, { mode: 'semisync' as const, acks: 1 }]) {
      const result = sweep({ seeds, scenario: replicationCrashScenario(options) });
      expect(result.seedsFailed, `${options.mode}: ${result.report}`).toBe(0);
    }
  });

  it(`async loses acknowledged writes, and the sweep counts them (${seeds} seeds)`, () => {
    const scenario = replicationCrashScenario({ mode: 'async' });
    const result = sweep({ seeds, scenario, replays: 1 });
    expect(result.violationsByChecker['noLostAcknowledgedWrites'] ?? 0).toBeGreaterThan(0);
    expect(scenario.totals.lost).toBeGreaterThanOrEqual(result.seedsFailed);
    expect(result.failures[0]?.violation.message).toMatch(/escrituras confirmadas no están en el nuevo primario/);
  });
});
