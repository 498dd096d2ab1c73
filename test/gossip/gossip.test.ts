import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import { Simulation } from '../../lib/sim/simulation';
import { sweep } from '../../lib/sim/sweep';
import {
  gossipCoverage, gossipIds, gossipNode, gossipRun, gossipScenario, lecturePropagate, PythonTypeError, pushPullRoundRule,
  pushRoundsTheory, roundGossip, selfPickRate,
} from '../../lib/gossip/index';
import type { GossipMessage, GossipNode } from '../../lib/gossip/index';

describe('gossip on lib/sim reaches every live node', () => {
  it.each(['push', 'pull', 'push-pull'] as const)('%s: 200 nodes, loss 0.1, a fifth crashed: every live node is informed (seeds 1–3)', (mode) => {
    for (let seed = 1; seed <= 3; seed++) {
      const r = gossipRun({ n: 200, mode, seed, loss: 0.1, crashedFraction: 0.2 });
      expect(r.rounds, `semilla ${seed}`).toBeDefined();
      expect(r.informedLive, `semilla ${seed}`).toBe(r.live);
      expect(r.live).toBe(200 - 39);
    }
  });

  it('push takes about log₂ N + ln N rounds (N = 1024, mean of 4 seeds within ±25 %)', () => {
    const rounds = [1, 2, 3, 4].map((seed) => gossipRun({ n: 1024, mode: 'push', seed }).rounds ?? Infinity);
    const mean = rounds.reduce((a, b) => a + b, 0) / rounds.length;
    expect(Math.abs(mean - pushRoundsTheory(1024)) / pushRoundsTheory(1024), `rondas ${rounds.join(',')}`).toBeLessThan(0.25);
  });

  it('push–pull is faster than push at N = 1024 (seed 9)', () => {
    const push = gossipRun({ n: 1024, mode: 'push', seed: 9 }).rounds ?? Infinity;
    const pp = gossipRun({ n: 1024, mode: 'push-pull', seed: 9 }).rounds ?? Infinity;
    expect(pp, 'semilla 9').toBeLessThan(push);
  });

  it('is deterministic: same seed, same trace', () => {
    const a = gossipRun({ n: 30, mode: 'push-pull', seed: 4, trace: true, loss: 0.2 }).sim.traceText();
    const b = gossipRun({ n: 30, mode: 'push-pull', seed: 4, trace: true, loss: 0.2 }).sim.traceText();
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThan(100);
  });

  it('refuses malformed messages and unknown senders with a reason, and keeps going', () => {
    const ids = gossipIds(4);
    const sim = new Simulation<GossipMessage, GossipNode>({ seed: 1, nodeIds: ids, createNode: gossipNode({ mode: 'push', origin: 'g0' }) });
    sim.inject('g1', { type: 'Push', rumor: 42 } as unknown as GossipMessage, { from: 'g2' });
    sim.inject('g1', { type: 'Gossip' } as unknown as GossipMessage, { from: 'g2' });
    sim.inject('g1', { type: 'Push', rumor: 'falso' }, { from: 'intruso' });
    sim.runFor(2_000);
    expect(sim.violation).toBeUndefined();
    expect(sim.node('g1')?.rejected).toEqual(['Push sin rumor (texto)', 'tipo de mensaje desconocido: "Gossip"', 'mensaje de intruso, que no es un nodo de la red']);
    expect(sim.node('g1')?.rumor).toBe('bloque');
  });

  it('the end-of-run checker flags a node left without the rumour', () => {
    const ids = gossipIds(5);
    const sim = new Simulation<GossipMessage, GossipNode>({ seed: 1, nodeIds: ids, createNode: gossipNode({ mode: 'push', origin: 'g0' }), checkers: [gossipCoverage] });
    sim.runFor(50); // before the first round
    expect(sim.finish()?.checker).toBe('gossipCoverage');
  });
});

describe("the lecture's GossipNetwork", () => {
  const nodes = ['Nodo1', 'Nodo2', 'Nodo3', 'Nodo4'];
  it('random.sample over dict keys raises TypeError from Python 3.11 on, warns on 3.10', () => {
    expect(() => lecturePropagate(nodes, 'Nodo1', 'Nuevo bloque', createRng(1), '3.12')).toThrow(PythonTypeError);
    expect(() => lecturePropagate(nodes, 'Nodo1', 'Nuevo bloque', createRng(1), '3.11')).toThrow(/Population must be a sequence/);
    expect(lecturePropagate(nodes, 'Nodo1', 'Nuevo bloque', createRng(1), '3.10').warning).toMatch(/DeprecationWarning/);
  });
  it('the sender picks itself in about k/N = 1/2 of the calls; the fix never does', () => {
    const r = selfPickRate(nodes, 'Nodo1', createRng(2), 4_000);
    expect(Math.abs(r.measured - 0.5)).toBeLessThan(0.04);
    const rng = createRng(3);
    for (let i = 0; i < 500; i++) expect(lecturePropagate(nodes, 'Nodo1', 'x', rng, '3.12', true).pickedSelf).toBe(false);
  });
});

describe('round model and sweep', () => {
  it('the kit round rule: start-of-round knowledge, down nodes transfer nothing', () => {
    const r = pushPullRoundRule(new Set(['a']), [['a', 'b'], ['c', 'a'], ['b', 'd'], ['e', 'a']], new Set(['e']));
    expect([...r.informed].sort()).toEqual(['a', 'b', 'c']);
    expect(r.newlyInformed).toEqual(['b', 'c']);
  });
  it('roundGossip informs all live nodes of 5000 with loss and crashes (seed 2)', () => {
    const r = roundGossip({ n: 5_000, seed: 2, loss: 0.2, crashedFraction: 0.1 });
    expect(r.rounds, 'semilla 2').toBeDefined();
    expect(r.informedPerRound.at(-1)).toBe(r.live);
  });
  it('sweep of 60 seeds with loss, crashes, fan-out 1–3, all modes: every live node gets the rumour', () => {
    const r = sweep({ seeds: 60, scenario: gossipScenario(), replays: 1 });
    expect(r.seedsFailed, r.report).toBe(0);
  });
  it("the lecture's one-hop network fails the coverage check on every seed", () => {
    const r = sweep({ seeds: 20, scenario: gossipScenario({ oneHop: true }), replays: 0 });
    expect(r.violationsByChecker).toEqual({ gossipCoverage: 20 });
  });
});
