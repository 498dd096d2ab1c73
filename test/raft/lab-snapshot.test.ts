/**
 * MIT 6.5840 Lab 3D (log compaction), reproduced on the simulator: snapshots every 10 applied
 * entries (the lab's SnapShotInterval), InstallSnapshot for followers that fall behind the
 * leader's snapshot (§7), and restarts from a snapshot.
 */
import { describe, expect, it } from 'vitest';
import { makeConfig, scaled } from './harness';
import type { Tester } from './harness';

const SNAPSHOT_INTERVAL = 10;
/** Entries a server may keep after its snapshot (the lab bounds the persisted log at 2,000 bytes). */
const MAX_LOG_ENTRIES = 4 * SNAPSHOT_INTERVAL;
const after = (cfg: Tester, id: string, k: number): string => cfg.ids[(cfg.ids.indexOf(id) + k) % cfg.ids.length] as string;

/** How many InstallSnapshot messages the servers sent (counted at the send). */
function countInstalls(cfg: Tester): () => number {
  let n = 0;
  cfg.sim.dropIf(({ message }) => {
    if (message.type === 'InstallSnapshot') n++;
    return false;
  });
  return () => n;
}

/** The lab's `snapcommon(disconnect, reliable, crash)`. */
function snapcommon(name: string, options: { disconnect: boolean; reliable: boolean; crash: boolean }): { cfg: Tester; installs: number } {
  const cfg = makeConfig({ servers: 3, seed: name, unreliable: !options.reliable, raft: { snapshotEvery: SNAPSHOT_INTERVAL } });
  const installs = countInstalls(cfg);
  expect(cfg.one(3, true), cfg.why('sin acuerdo inicial')).toBeGreaterThan(0);
  let leader1 = cfg.checkOneLeader() as string;
  for (let i = 0; i < scaled(20); i++) {
    let victim = after(cfg, leader1, 1);
    let sender = leader1;
    if (i % 3 === 1) {
      sender = after(cfg, leader1, 1);
      victim = leader1;
    }
    if (options.disconnect) {
      cfg.disconnect(victim);
      expect(cfg.one(2, true), cfg.why(`vuelta ${i}: sin acuerdo sin la víctima`)).toBeGreaterThan(0);
    }
    if (options.crash) {
      cfg.crash(victim);
      expect(cfg.one(2, true), cfg.why(`vuelta ${i}: sin acuerdo con la víctima caída`)).toBeGreaterThan(0);
    }
    // Enough commands to cause a snapshot.
    const nn = SNAPSHOT_INTERVAL / 2 + cfg.rng.int(0, SNAPSHOT_INTERVAL - 1);
    for (let k = 0; k < nn; k++) cfg.start(sender);
    const expected = options.disconnect || options.crash ? 2 : 3;
    expect(cfg.one(expected, true), cfg.why(`vuelta ${i}: sin acuerdo tras la ráfaga`)).toBeGreaterThan(0);
    expect(cfg.maxLogEntries(), cfg.why('log demasiado largo: no se compacta')).toBeLessThanOrEqual(MAX_LOG_ENTRIES);
    if (options.disconnect) {
      // The victim reconnects: it may need the leader's snapshot (InstallSnapshot).
      cfg.connect(victim);
      expect(cfg.one(3, true), cfg.why(`vuelta ${i}: la víctima no se puso al día`)).toBeGreaterThan(0);
      leader1 = cfg.checkOneLeader() as string;
    }
    if (options.crash) {
      cfg.restart(victim);
      cfg.connect(victim);
      expect(cfg.one(3, true), cfg.why(`vuelta ${i}: la víctima reiniciada no se puso al día`)).toBeGreaterThan(0);
      leader1 = cfg.checkOneLeader() as string;
    }
  }
  expect(cfg.sim.violation, cfg.why('violación de seguridad')).toBeUndefined();
  return { cfg, installs: installs() };
}

describe('6.5840 3D: instantáneas (§7)', () => {
  it('TestSnapshotBasic: the log is compacted while all servers keep agreeing (§7)', () => {
    const { cfg } = snapcommon('snapshot-basic', { disconnect: false, reliable: true, crash: false });
    expect([...cfg.sim.nodes.values()].every((n) => n.log.snapshotIndex > 0), cfg.why('algún servidor sin instantánea')).toBe(true);
  });

  it('TestSnapshotInstall: a follower that was disconnected catches up with InstallSnapshot (§7)', () => {
    const { cfg, installs } = snapcommon('snapshot-install', { disconnect: true, reliable: true, crash: false });
    expect(installs, cfg.why('nunca se envió InstallSnapshot')).toBeGreaterThan(0);
  });

  it('TestSnapshotInstallUnreliable: the same over the lab\'s unreliable network (§7)', () => {
    const { cfg, installs } = snapcommon('snapshot-install-unreliable', { disconnect: true, reliable: false, crash: false });
    expect(installs, cfg.why('nunca se envió InstallSnapshot')).toBeGreaterThan(0);
  });

  it('TestSnapshotInstallCrash: a crashed follower restarts from its snapshot and catches up (§7)', () => {
    const { cfg } = snapcommon('snapshot-install-crash', { disconnect: false, reliable: true, crash: true });
    expect(cfg.sim.violation, cfg.why('violación')).toBeUndefined();
  });

  it('TestSnapshotAllCrash: all servers crash and restart from their snapshots; agreement continues at later indexes (§7)', () => {
    const cfg = makeConfig({ servers: 3, seed: 'snapshot-all-crash', raft: { snapshotEvery: SNAPSHOT_INTERVAL } });
    cfg.one(3, true);
    for (let i = 0; i < scaled(5); i++) {
      const nn = SNAPSHOT_INTERVAL / 2 + cfg.rng.int(0, SNAPSHOT_INTERVAL - 1);
      for (let k = 0; k < nn; k++) cfg.one(3, true);
      const index1 = cfg.one(3, true);
      for (const id of cfg.ids) cfg.crash(id);
      for (const id of cfg.ids) cfg.restart(id);
      const index2 = cfg.one(3, true);
      expect(index2, cfg.why(`índice ${index2} no posterior a ${index1}`)).toBeGreaterThan(index1);
    }
    expect(cfg.sim.violation, cfg.why('violación')).toBeUndefined();
  });

  it('TestSnapshotInit: servers restarted from a snapshot, twice, before any new snapshot (§7)', () => {
    const cfg = makeConfig({ servers: 3, seed: 'snapshot-init', raft: { snapshotEvery: SNAPSHOT_INTERVAL } });
    cfg.one(3, true);
    for (let k = 0; k < SNAPSHOT_INTERVAL + 1; k++) cfg.one(3, true);
    for (let round = 0; round < 2; round++) {
      for (const id of cfg.ids) cfg.crash(id);
      for (const id of cfg.ids) cfg.restart(id);
      expect(cfg.one(3, true), cfg.why(`ronda ${round}: sin acuerdo tras reiniciar`)).toBeGreaterThan(SNAPSHOT_INTERVAL);
    }
    // The restarted state machines hold the snapshot's data: every server answers the same value.
    const values = [...cfg.sim.nodes.values()].map((n) => n.kv.read('x'));
    expect(new Set(values).size, cfg.why(`estados distintos: ${values.join(', ')}`)).toBe(1);
    expect(values[0], cfg.why('estado vacío')).not.toBe('');
  });
});
