/**
 * MIT 6.5840 Lab 3A (leader election), reproduced on the simulator with the lab's timing rule:
 * a new leader within 5 s of losing the old one, heartbeats at most 10 per second.
 */
import { describe, expect, it } from 'vitest';
import { ELECTION_DEADLINE_MS, makeConfig, scaled } from './harness';

describe('6.5840 3A: elección de líder (§5.2)', () => {
  it('TestInitialElection: one leader is elected, terms agree, and stay put without failures (§5.2)', () => {
    const cfg = makeConfig({ servers: 3, seed: 'initial-election' });
    expect(cfg.checkOneLeader(), cfg.why('sin líder inicial')).toBeDefined();
    // Sleep a bit to avoid racing with followers learning of the election, then check all agree on the term.
    cfg.sleep(50);
    const term1 = cfg.checkTerms();
    expect(term1, cfg.why('los servidores no coinciden en el término')).toBeGreaterThanOrEqual(1);
    // With no failures the leader and term stay as they are.
    cfg.sleep(2 * ELECTION_DEADLINE_MS);
    expect(cfg.checkTerms(), cfg.why('el término cambió sin fallos')).toBe(term1);
    expect(cfg.checkOneLeader(), cfg.why('sin líder tras la espera')).toBeDefined();
  });

  it('TestReElection: a new leader after the old one is disconnected, none without a majority, and one again after a reconnection (§5.2)', () => {
    const cfg = makeConfig({ servers: 3, seed: 're-election' });
    const leader1 = cfg.checkOneLeader() as string;
    expect(leader1, cfg.why('sin líder')).toBeDefined();
    cfg.disconnect(leader1);
    const leader2 = cfg.checkOneLeader();
    expect(leader2, cfg.why('sin nuevo líder tras desconectar al viejo')).toBeDefined();
    expect(leader2).not.toBe(leader1);
    // The old leader rejoins: it must not disturb the new one.
    cfg.connect(leader1);
    expect(cfg.checkOneLeader(), cfg.why('sin líder tras reconectar al viejo')).toBeDefined();
    // Without a quorum no leader may be elected.
    const leader3 = cfg.checkOneLeader() as string;
    const other = cfg.ids.find((id) => id !== leader3) as string;
    cfg.disconnect(leader3);
    cfg.disconnect(other);
    cfg.sleep(2 * ELECTION_DEADLINE_MS);
    expect(cfg.leaders().filter((n) => cfg.isConnected(n.id)), cfg.why('líder sin mayoría')).toHaveLength(0);
    cfg.connect(other);
    expect(cfg.checkOneLeader(), cfg.why('sin líder tras recuperar la mayoría')).toBeDefined();
    cfg.connect(leader3);
    expect(cfg.checkOneLeader(), cfg.why('sin líder con todos conectados')).toBeDefined();
  });

  it('TestManyElections: 7 servers, 3 disconnected at random in each of 10 rounds, always one leader (§5.2)', () => {
    const cfg = makeConfig({ servers: 7, seed: 'many-elections' });
    expect(cfg.checkOneLeader(), cfg.why('sin líder inicial')).toBeDefined();
    for (let round = 0; round < scaled(10); round++) {
      const victims = [...cfg.ids].sort(() => cfg.rng.next() - 0.5).slice(0, 3);
      for (const id of victims) cfg.disconnect(id);
      // Either the current leader is still alive, or the remaining four elect a new one.
      expect(cfg.checkOneLeader(), cfg.why(`ronda ${round}: sin líder con ${victims.join(', ')} fuera`)).toBeDefined();
      for (const id of victims) cfg.connect(id);
    }
    expect(cfg.checkOneLeader(), cfg.why('sin líder al final')).toBeDefined();
  });

  it('heartbeats: at most 10 AppendEntries per second to each follower while idle (the lab\'s rule, §5.2)', () => {
    const cfg = makeConfig({ servers: 3, seed: 'heartbeats' });
    expect(cfg.checkOneLeader(), cfg.why('sin líder')).toBeDefined();
    const before = cfg.rpcs;
    cfg.sleep(3_000);
    const perFollowerPerSecond = (cfg.rpcs - before) / 2 / 3;
    expect(perFollowerPerSecond, cfg.why('demasiados latidos')).toBeLessThanOrEqual(10);
    expect(perFollowerPerSecond, cfg.why('sin latidos')).toBeGreaterThan(0);
  });
});
