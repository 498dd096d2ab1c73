/**
 * MIT 6.5840 Lab 3C (persistence), reproduced on the simulator with `durability: 'fsync'`: a
 * crash keeps only what the server fsynced (Figure 2: persistent state is written to stable
 * storage before responding). The unreliable tests use the lab's network (labUnreliable).
 */
import { describe, expect, it } from 'vitest';
import { makeConfig, scaled } from './harness';
import type { Tester } from './harness';

const after = (cfg: Tester, id: string, k: number): string => cfg.ids[(cfg.ids.indexOf(id) + k) % cfg.ids.length] as string;
const ELECTION_TIMEOUT_MS = 1_000;
/** The lab's `start1`: kill the server and start a fresh one on the same disk. */
const reboot = (cfg: Tester, id: string): void => {
  cfg.crash(id);
  cfg.restart(id);
};

/** Figure 8 of the lab (crash leaders at random moments); `unreliable` adds loss and long reordering. */
function figure8(cfg: Tester, iterations: number, mode: 'crash' | 'disconnect'): void {
  const n = cfg.ids.length;
  cfg.one(1, true);
  let up = n;
  for (let iter = 0; iter < iterations; iter++) {
    let leader: string | undefined;
    for (const id of cfg.ids) if (cfg.sim.isUp(id) && cfg.isConnected(id) && cfg.start(id).isLeader) leader = id;
    cfg.sleep(cfg.rng.next() < 0.1 ? cfg.rng.int(0, ELECTION_TIMEOUT_MS / 2) : cfg.rng.int(0, 13));
    if (leader !== undefined && (mode === 'crash' || cfg.rng.next() < 0.5)) {
      if (mode === 'crash') cfg.crash(leader);
      else cfg.disconnect(leader);
      up--;
    }
    if (up < 3) {
      const s = cfg.ids[cfg.rng.int(0, n - 1)] as string;
      if (mode === 'crash' && !cfg.sim.isUp(s)) {
        cfg.restart(s);
        up++;
      } else if (mode === 'disconnect' && !cfg.isConnected(s)) {
        cfg.connect(s);
        up++;
      }
    }
  }
  for (const id of cfg.ids) {
    cfg.restart(id);
    cfg.connect(id);
  }
}

/** The lab's churn: servers crash, restart, disconnect and reconnect at random while commands keep coming. */
function churn(cfg: Tester, rounds: number): void {
  const everyMs = 20;
  let stop = false;
  const tick = () => {
    if (stop) return;
    const id = cfg.ids[cfg.rng.int(0, cfg.ids.length - 1)] as string;
    if (cfg.sim.isUp(id) && cfg.sim.node(id)?.role === 'leader') cfg.start(id);
    cfg.sim.at(cfg.sim.nowMs + everyMs, tick);
  };
  cfg.sim.at(cfg.sim.nowMs, tick);
  for (let round = 0; round < rounds; round++) {
    for (const id of cfg.ids) {
      if (cfg.rng.next() < 0.2) cfg.disconnect(id);
      if (cfg.rng.next() < 0.5 && !cfg.sim.isUp(id)) {
        cfg.restart(id);
        cfg.connect(id);
      }
      if (cfg.rng.next() < 0.2) cfg.crash(id);
    }
    cfg.sleep((ELECTION_TIMEOUT_MS * 7) / 10);
    for (const id of cfg.ids) if (cfg.rng.next() < 0.5) cfg.connect(id);
  }
  stop = true;
  for (const id of cfg.ids) {
    cfg.restart(id);
    cfg.connect(id);
  }
}

/** Every command some server applied is applied by every server, at the same index. */
function everyCommittedEverywhere(cfg: Tester): { committed: number; missing: string[] } {
  const all = new Map<number, string>();
  for (const map of cfg.applied.values()) for (const [index, command] of map) all.set(index, command);
  const missing: string[] = [];
  for (const id of cfg.ids) for (const [index, command] of all) if (cfg.applied.get(id)?.get(index) !== command) missing.push(`${id}@${index}`);
  return { committed: all.size, missing };
}

describe('6.5840 3C: persistencia (Figura 2, §5.2–§5.4)', () => {
  it('TestPersist1: agreement survives crashing and restarting all servers, the leader and a follower (Figure 2)', () => {
    const cfg = makeConfig({ servers: 3, seed: 'persist-1' });
    cfg.one(3, true);
    for (const id of cfg.ids) reboot(cfg, id);
    expect(cfg.one(3, true), cfg.why('sin acuerdo tras reiniciar todos')).toBe(2);
    const leader1 = cfg.checkOneLeader() as string;
    reboot(cfg, leader1);
    expect(cfg.one(3, true), cfg.why('sin acuerdo tras reiniciar al líder')).toBe(3);
    const leader2 = cfg.checkOneLeader() as string;
    cfg.disconnect(leader2);
    expect(cfg.one(2, true), cfg.why('sin acuerdo de dos')).toBe(4);
    reboot(cfg, leader2);
    cfg.connect(leader2);
    expect(cfg.wait(4, 3), cfg.why('el reiniciado no tiene el índice 4')).toBeDefined();
    const i3 = after(cfg, cfg.checkOneLeader() as string, 1);
    cfg.disconnect(i3);
    expect(cfg.one(2, true), cfg.why('sin acuerdo sin i3')).toBe(5);
    reboot(cfg, i3);
    cfg.connect(i3);
    expect(cfg.one(3, true), cfg.why('sin acuerdo final')).toBe(6);
  });

  it('TestPersist2: five rounds of partial crashes in 5 servers; restarted servers keep votes and log (Figure 2, §5.4.1)', () => {
    const cfg = makeConfig({ servers: 5, seed: 'persist-2' });
    for (let iter = 0; iter < 5; iter++) {
      expect(cfg.one(5, true), cfg.why(`ronda ${iter}: todos`)).toBeGreaterThan(0);
      const leader1 = cfg.checkOneLeader() as string;
      cfg.disconnect(after(cfg, leader1, 1));
      cfg.disconnect(after(cfg, leader1, 2));
      expect(cfg.one(3, true), cfg.why(`ronda ${iter}: tres`)).toBeGreaterThan(0);
      for (const k of [0, 3, 4]) cfg.disconnect(after(cfg, leader1, k));
      for (const k of [1, 2]) {
        reboot(cfg, after(cfg, leader1, k));
        cfg.connect(after(cfg, leader1, k));
      }
      cfg.sleep(ELECTION_TIMEOUT_MS);
      reboot(cfg, after(cfg, leader1, 3));
      cfg.connect(after(cfg, leader1, 3));
      expect(cfg.one(3, true), cfg.why(`ronda ${iter}: los reiniciados`)).toBeGreaterThan(0);
      cfg.connect(after(cfg, leader1, 4));
      cfg.connect(leader1);
    }
    expect(cfg.one(5, true), cfg.why('sin acuerdo final')).toBeGreaterThan(0);
    expect(cfg.sim.violation, cfg.why('violación')).toBeUndefined();
  });

  it('TestPersist3: a leader and a follower crash after committing; the restarted pair with the lagging one agree (Figure 2)', () => {
    const cfg = makeConfig({ servers: 3, seed: 'persist-3' });
    cfg.one(3, true);
    const leader = cfg.checkOneLeader() as string;
    cfg.disconnect(after(cfg, leader, 2));
    cfg.one(2, true);
    cfg.crash(leader);
    cfg.crash(after(cfg, leader, 1));
    cfg.connect(after(cfg, leader, 2));
    cfg.restart(leader);
    expect(cfg.one(2, true), cfg.why('sin acuerdo tras reiniciar al líder')).toBe(3);
    cfg.restart(after(cfg, leader, 1));
    expect(cfg.one(3, true), cfg.why('sin acuerdo final')).toBe(4);
    expect(cfg.sim.violation, cfg.why('violación')).toBeUndefined();
  });

  it(`TestFigure8: ${scaled(1_000)} leader crashes at random moments never lose a committed entry (§5.4.2, Figure 8)`, () => {
    const cfg = makeConfig({ servers: 5, seed: 'figure-8' });
    figure8(cfg, scaled(1_000), 'crash');
    expect(cfg.one(5, true), cfg.why('sin acuerdo final de los cinco')).toBeGreaterThan(0);
    expect(cfg.sim.violation, cfg.why('violación de seguridad')).toBeUndefined();
  });

  it('TestUnreliableAgree: agreement on an unreliable network (10 % loss each way, 0–27 ms) (§5.3)', () => {
    const cfg = makeConfig({ servers: 5, seed: 'unreliable-agree', unreliable: true });
    for (let iter = 1; iter < scaled(50); iter++) {
      for (let j = 0; j < 4; j++) {
        const leader = cfg.leaders()[0];
        if (leader !== undefined) cfg.start(leader.id);
      }
      expect(cfg.one(1, true), cfg.why(`iteración ${iter}`)).toBeGreaterThan(0);
    }
    expect(cfg.one(5, true), cfg.why('sin acuerdo de los cinco')).toBeGreaterThan(0);
    expect(everyCommittedEverywhere(cfg).missing, cfg.why('entradas comprometidas que faltan')).toEqual([]);
  });

  it(`TestFigure8Unreliable: ${scaled(300)} rounds with loss and replies reordered by up to 2.2 s (§5.4.2)`, () => {
    const cfg = makeConfig({ servers: 5, seed: 'figure-8-unreliable', unreliable: true, longReordering: true });
    figure8(cfg, scaled(300), 'disconnect');
    expect(cfg.one(5, true), cfg.why('sin acuerdo final de los cinco')).toBeGreaterThan(0);
    expect(cfg.sim.violation, cfg.why('violación de seguridad')).toBeUndefined();
  });

  for (const unreliable of [false, true]) {
    it(`Test${unreliable ? 'Unreliable' : 'Reliable'}Churn: commands keep coming while servers crash, restart and reconnect; nothing committed is lost (§5.4)`, () => {
      const cfg = makeConfig({ servers: 5, seed: unreliable ? 'unreliable-churn' : 'reliable-churn', unreliable });
      churn(cfg, scaled(20));
      expect(cfg.one(5, true), cfg.why('sin acuerdo final de los cinco')).toBeGreaterThan(0);
      cfg.sleep(1_000);
      const { committed, missing } = everyCommittedEverywhere(cfg);
      expect(committed, cfg.why('casi nada comprometido')).toBeGreaterThan(20);
      expect(missing, cfg.why('entradas comprometidas que faltan')).toEqual([]);
      expect(cfg.sim.violation, cfg.why('violación de seguridad')).toBeUndefined();
    });
  }
});
