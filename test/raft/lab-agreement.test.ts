/**
 * MIT 6.5840 Lab 3B (log replication), reproduced on the simulator: each test asserts what the
 * lab's does, with its server counts and budgets; indexes are the paper's (1-based, §5.3).
 */
import { describe, expect, it } from 'vitest';
import { ELECTION_DEADLINE_MS, makeConfig } from './harness';
import type { Tester } from './harness';

/** The server `k` places after `id` in the ring of ids (the lab's `(leader + k) % servers`). */
const after = (cfg: Tester, id: string, k: number): string => cfg.ids[(cfg.ids.indexOf(id) + k) % cfg.ids.length] as string;
const ELECTION_TIMEOUT_MS = 1_000; // the lab's RaftElectionTimeout

describe('6.5840 3B: replicación del log (§5.3, §5.4)', () => {
  it('TestBasicAgree: each command reaches every server at the next index (§5.3)', () => {
    const cfg = makeConfig({ servers: 3, seed: 'basic-agree' });
    for (let index = 1; index <= 3; index++) {
      expect(cfg.nCommitted(index).count, cfg.why('comprometido antes de Start()')).toBe(0);
      expect(cfg.one(3, false), cfg.why(`índice ${index}`)).toBe(index);
    }
  });

  it('TestRPCBytes: 10 commands of 5,000 B cost at most 3 × their bytes + 50,000 (each sent once per follower, §5.3)', () => {
    const cfg = makeConfig({ servers: 3, seed: 'rpc-bytes' });
    cfg.one(3, false);
    const bytes0 = cfg.bytes;
    let sent = 0;
    for (let index = 2; index < 12; index++) {
      const value = `${cfg.freshValue()}-${'x'.repeat(5_000)}`;
      expect(cfg.one(3, false, value), cfg.why(`índice ${index}`)).toBe(index);
      sent += value.length;
    }
    expect(cfg.bytes - bytes0, cfg.why('demasiados bytes')).toBeLessThanOrEqual(3 * sent + 50_000);
  });

  it('TestFollowerFailure: agreement with one follower gone; nothing commits with both gone (§5.3)', () => {
    const cfg = makeConfig({ servers: 3, seed: 'follower-failure' });
    cfg.one(3, false);
    const leader1 = cfg.checkOneLeader() as string;
    cfg.disconnect(after(cfg, leader1, 1));
    expect(cfg.one(2, false), cfg.why('sin acuerdo con un seguidor fuera')).toBe(2);
    cfg.sleep(ELECTION_TIMEOUT_MS);
    expect(cfg.one(2, false), cfg.why('sin acuerdo tras esperar')).toBe(3);
    const leader2 = cfg.checkOneLeader() as string;
    cfg.disconnect(after(cfg, leader2, 1));
    cfg.disconnect(after(cfg, leader2, 2));
    const r = cfg.start(leader2);
    expect(r.isLeader, cfg.why('el líder dejó de serlo')).toBe(true);
    expect(r.index).toBe(4);
    cfg.sleep(2 * ELECTION_TIMEOUT_MS);
    expect(cfg.nCommitted(r.index).count, cfg.why('comprometido sin mayoría')).toBe(0);
  });

  it('TestLeaderFailure: a new leader after the old one goes; nothing commits with both leaders gone (§5.2, §5.3)', () => {
    const cfg = makeConfig({ servers: 3, seed: 'leader-failure' });
    cfg.one(3, false);
    const leader1 = cfg.checkOneLeader() as string;
    cfg.disconnect(leader1);
    expect(cfg.one(2, false), cfg.why('sin acuerdo tras perder al líder')).toBe(2);
    cfg.sleep(ELECTION_TIMEOUT_MS);
    expect(cfg.one(2, false), cfg.why('sin acuerdo tras esperar')).toBe(3);
    const leader2 = cfg.checkOneLeader() as string;
    cfg.disconnect(leader2);
    for (const id of cfg.ids) cfg.start(id);
    cfg.sleep(2 * ELECTION_TIMEOUT_MS);
    expect(cfg.nCommitted(4).count, cfg.why('comprometido con un solo servidor')).toBe(0);
  });

  it('TestFailAgree: a follower that was disconnected catches up after it rejoins (§5.3)', () => {
    const cfg = makeConfig({ servers: 3, seed: 'fail-agree' });
    cfg.one(3, false);
    const leader = cfg.checkOneLeader() as string;
    const follower = after(cfg, leader, 1);
    cfg.disconnect(follower);
    for (let i = 0; i < 4; i++) expect(cfg.one(2, false), cfg.why('sin acuerdo de dos')).toBeGreaterThan(0);
    cfg.sleep(ELECTION_TIMEOUT_MS);
    cfg.connect(follower);
    expect(cfg.one(3, true), cfg.why('el seguidor no se puso al día')).toBeGreaterThan(0);
    cfg.sleep(ELECTION_TIMEOUT_MS);
    expect(cfg.one(3, true), cfg.why('sin acuerdo final')).toBeGreaterThan(0);
  });

  it('TestFailNoAgree: with 3 of 5 disconnected nothing commits; after they rejoin, agreement resumes (§5.3, §5.4.2)', () => {
    const cfg = makeConfig({ servers: 5, seed: 'fail-no-agree' });
    cfg.one(5, false);
    const leader = cfg.checkOneLeader() as string;
    for (let k = 1; k <= 3; k++) cfg.disconnect(after(cfg, leader, k));
    const r = cfg.start(leader);
    expect(r.isLeader && r.index === 2, cfg.why('Start() no devolvió el índice 2')).toBe(true);
    cfg.sleep(2 * ELECTION_TIMEOUT_MS);
    expect(cfg.nCommitted(r.index).count, cfg.why('comprometido con 2 de 5')).toBe(0);
    for (let k = 1; k <= 3; k++) cfg.connect(after(cfg, leader, k));
    const leader2 = cfg.checkOneLeader() as string;
    const r2 = cfg.start(leader2);
    expect(r2.isLeader, cfg.why('sin líder tras reconectar')).toBe(true);
    expect(r2.index >= 2 && r2.index <= 3, cfg.why(`índice inesperado ${r2.index}`)).toBe(true);
    expect(cfg.one(5, true), cfg.why('sin acuerdo final')).toBeGreaterThan(0);
  });

  it('TestConcurrentStarts: five commands started at once in one term all commit (§5.3)', () => {
    const cfg = makeConfig({ servers: 3, seed: 'concurrent-starts' });
    const leader = cfg.checkOneLeader() as string;
    const first = cfg.start(leader);
    expect(first.isLeader, cfg.why('sin líder')).toBe(true);
    const started = Array.from({ length: 5 }, () => cfg.start(leader));
    expect(started.every((r) => r.isLeader && r.term === first.term), cfg.why('el término cambió')).toBe(true);
    const values = started.map((r) => cfg.wait(r.index, 3));
    expect(values.map((v) => v?.split(' ').pop()).sort(), cfg.why('faltan comandos')).toEqual(started.map((r) => `"${r.value}"`).sort());
  });

  it('TestRejoin: a partitioned leader with uncommitted entries rejoins and its entries are replaced (§5.3)', () => {
    const cfg = makeConfig({ servers: 3, seed: 'rejoin' });
    cfg.one(3, true);
    const leader1 = cfg.checkOneLeader() as string;
    cfg.disconnect(leader1);
    for (let i = 0; i < 3; i++) cfg.start(leader1);
    expect(cfg.one(2, true), cfg.why('la mayoría no acordó')).toBe(2);
    const leader2 = cfg.checkOneLeader() as string;
    cfg.disconnect(leader2);
    cfg.connect(leader1);
    expect(cfg.one(2, true), cfg.why('sin acuerdo con el viejo líder')).toBeGreaterThan(0);
    cfg.connect(leader2);
    expect(cfg.one(3, true), cfg.why('sin acuerdo final')).toBeGreaterThan(0);
    expect(cfg.sim.violation, cfg.why('violación')).toBeUndefined();
  });

  it('TestBackup: a leader backs up quickly over 50 uncommitted entries per partition (fast backup, §5.3)', () => {
    const cfg = makeConfig({ servers: 5, seed: 'backup' });
    cfg.one(5, true);
    const leader1 = cfg.checkOneLeader() as string;
    for (let k = 2; k <= 4; k++) cfg.disconnect(after(cfg, leader1, k));
    for (let i = 0; i < 50; i++) cfg.start(leader1);
    cfg.sleep(ELECTION_TIMEOUT_MS / 2);
    cfg.disconnect(leader1);
    cfg.disconnect(after(cfg, leader1, 1));
    for (let k = 2; k <= 4; k++) cfg.connect(after(cfg, leader1, k));
    for (let i = 0; i < 50; i++) expect(cfg.one(3, true), cfg.why(`comando ${i} de la nueva mayoría`)).toBeGreaterThan(0);
    const leader2 = cfg.checkOneLeader() as string;
    let other = after(cfg, leader1, 2);
    if (other === leader2) other = after(cfg, leader2, 1);
    cfg.disconnect(other);
    for (let i = 0; i < 50; i++) cfg.start(leader2);
    cfg.sleep(ELECTION_TIMEOUT_MS / 2);
    for (const id of cfg.ids) cfg.disconnect(id);
    for (const id of [leader1, after(cfg, leader1, 1), other]) cfg.connect(id);
    for (let i = 0; i < 50; i++) expect(cfg.one(3, true), cfg.why(`comando ${i} del viejo líder`)).toBeGreaterThan(0);
    for (const id of cfg.ids) cfg.connect(id);
    expect(cfg.one(5, true), cfg.why('sin acuerdo final de los cinco')).toBeGreaterThan(0);
    expect(cfg.sim.violation, cfg.why('violación')).toBeUndefined();
  });

  it('TestCount: at most 30 RPCs to elect, 42 for 10 entries, 60 per idle second in 3 servers (§5.2, §5.3)', () => {
    const cfg = makeConfig({ servers: 3, seed: 'count' });
    expect(cfg.checkOneLeader(), cfg.why('sin líder')).toBeDefined();
    const elect = cfg.rpcs;
    expect(elect >= 1 && elect <= 30, cfg.why(`${elect} RPC para elegir`)).toBe(true);
    const leader = cfg.checkOneLeader() as string;
    const total1 = cfg.rpcs;
    const iters = 10;
    const first = cfg.start(leader);
    const started = Array.from({ length: iters }, () => cfg.start(leader));
    for (const r of [first, ...started]) expect(cfg.wait(r.index, 3), cfg.why(`índice ${r.index}`)).toBeDefined();
    const total2 = cfg.rpcs - total1;
    expect(total2, cfg.why('demasiadas RPC para 10 entradas')).toBeLessThanOrEqual((iters + 1 + 3) * 3);
    const total3before = cfg.rpcs;
    cfg.sleep(1_000);
    expect(cfg.rpcs - total3before, cfg.why('demasiadas RPC en reposo')).toBeLessThanOrEqual(3 * 20);
    expect(ELECTION_DEADLINE_MS).toBe(5_000);
  });
});
