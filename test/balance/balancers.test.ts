import { describe, expect, it } from 'vitest';
import {
  LeastConnectionsBalancer, PowerOfTwoChoicesBalancer, RandomBalancer, RoundRobinBalancer, SmoothWeightedRoundRobin, WeightedStepBalancer,
} from '../../lib/balance/balancers';
import type { WeightedStepFunction } from '../../lib/balance/balancers';
import { createBalancer, lectureLeastConnectionsDemo, lectureRoundRobinDemo, POLICY_NAMES, replayRequests } from '../../lib/balance/policies';
import { maxLoad, maxLoadSweep, maxLoadTheory } from '../../lib/balance/queueing-bins';
import { createRng } from '../../lib/random/index';

/** nginx's smooth weighted round robin, written out naively for comparison. */
function naiveSmooth(weights: readonly number[], picks: number): number[] {
  const current = weights.map(() => 0);
  const total = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  for (let k = 0; k < picks; k++) {
    let best = -1;
    for (let i = 0; i < weights.length; i++) {
      current[i] = (current[i] as number) + (weights[i] as number);
      if (best === -1 || (current[i] as number) > (current[best] as number)) best = i;
    }
    current[best] = (current[best] as number) - total;
    out.push(best);
  }
  return out;
}

describe('the lecture’s balancers', () => {
  it('round robin: six requests go S1 S2 S3 S1 S2 S3 (the lecture’s output)', () => {
    expect(lectureRoundRobinDemo()).toEqual(['S1', 'S2', 'S3', 'S1', 'S2', 'S3']);
  });

  it('least connections as the lecture runs it (release at once): every request goes to S1', () => {
    expect(lectureLeastConnectionsDemo()).toEqual(['S1', 'S1', 'S1', 'S1', 'S1', 'S1']);
  });

  it('least connections with open connections spreads them: S1, S2, S3, then the first freed', () => {
    const lc = new LeastConnectionsBalancer(['S1', 'S2', 'S3']);
    expect([lc.getServer(), lc.getServer(), lc.getServer()]).toEqual(['S1', 'S2', 'S3']);
    lc.releaseServer('S2');
    expect(lc.getServer()).toBe('S2');
    expect(lc.active('S2')).toBe(1);
  });

  it('overlapping requests: least connections keeps the peak per server lower than round robin', () => {
    const rng = createRng('solapadas');
    // Mostly short requests with a few very long ones every third request: RR piles the long ones up.
    const requests = Array.from({ length: 300 }, (_, i) => ({ startMs: i * 10, durationMs: i % 3 === 0 ? 200 + rng.uniform(0, 50) : rng.uniform(1, 5) }));
    const rr = replayRequests(new RoundRobinBalancer(['a', 'b', 'c']), requests);
    const lc = replayRequests(new LeastConnectionsBalancer(['a', 'b', 'c']), requests);
    const peak = (m: Map<string, number>) => Math.max(...m.values());
    expect(peak(rr.peakActive)).toBeGreaterThan(peak(lc.peakActive));
    expect([...lc.countByServer.values()].reduce((a, b) => a + b, 0)).toBe(300);
  });
});

describe('smooth weighted round robin (nginx)', () => {
  it('weights 5, 1, 1 give a a b a c a a, then repeat', () => {
    const swrr = new SmoothWeightedRoundRobin([{ server: 'a', weight: 5 }, { server: 'b', weight: 1 }, { server: 'c', weight: 1 }]);
    expect(Array.from({ length: 14 }, () => swrr.getServer()).join(' ')).toBe('a a b a c a a a a b a c a a');
    expect(swrr.currentWeights().map((p) => p.current)).toEqual([0, 0, 0]);
  });

  it('matches a naive reference and gives each server exactly its weight per period (200 random weight sets)', () => {
    const rng = createRng('swrr-diferencial');
    for (let t = 0; t < 200; t++) {
      const weights = Array.from({ length: rng.int(1, 6) }, () => rng.int(1, 9));
      const total = weights.reduce((a, b) => a + b, 0);
      const swrr = new SmoothWeightedRoundRobin(weights.map((weight, i) => ({ server: `s${i}`, weight })));
      const got = Array.from({ length: 2 * total }, () => Number(swrr.getServer().slice(1)));
      expect(got, `pesos ${weights.join(',')} (semilla swrr-diferencial, caso ${t})`).toEqual(naiveSmooth(weights, 2 * total));
      const counts = weights.map((_, i) => got.slice(0, total).filter((g) => g === i).length);
      expect(counts).toEqual(weights);
    }
  });

  it('a balancer built on a step function gives the same sequence as the class', () => {
    const step: WeightedStepFunction = (peers) => {
      const next = peers.map((p) => ({ ...p, current: p.current + p.weight }));
      let best = 0;
      next.forEach((p, i) => { if (p.current > (next[best] as { current: number }).current) best = i; });
      (next[best] as { current: number }).current -= next.reduce((s, p) => s + p.weight, 0);
      return { chosen: (next[best] as { name: string }).name, peers: next };
    };
    const servers = [{ server: 'x', weight: 3 }, { server: 'y', weight: 2 }, { server: 'z', weight: 1 }];
    const a = new WeightedStepBalancer(servers, step);
    const b = new SmoothWeightedRoundRobin(servers);
    expect(Array.from({ length: 12 }, () => a.getServer())).toEqual(Array.from({ length: 12 }, () => b.getServer()));
    expect(() => new WeightedStepBalancer(servers, () => ({ chosen: 'w', peers: [] })).getServer()).toThrow(/desconocido: w/);
  });
});

describe('random and power of two choices', () => {
  it('the same seed gives the same picks', () => {
    for (const policy of ['random', 'power-of-two'] as const) {
      const run = () => { const b = createBalancer(policy, { servers: ['a', 'b', 'c', 'd'], rng: createRng(5) }); return Array.from({ length: 50 }, () => b.getServer()); };
      expect(run()).toEqual(run());
    }
  });

  it('power of two never picks the busier of the two it draws: with one idle server among busy ones, it is chosen whenever drawn', () => {
    const b = new PowerOfTwoChoicesBalancer(['a', 'b'], createRng(3));
    b.getServer(); // one of them now has 1 connection
    const busy = b.active('a') === 1 ? 'a' : 'b';
    expect(b.getServer()).not.toBe(busy);
    expect(new PowerOfTwoChoicesBalancer(['solo'], createRng(1)).getServer()).toBe('solo');
  });

  it('random spreads 12,000 picks within 10 % of even over 4 servers (seed 11)', () => {
    const b = new RandomBalancer(['a', 'b', 'c', 'd'], createRng(11));
    const counts = new Map<string, number>();
    for (let i = 0; i < 12_000; i++) { const s = b.getServer(); counts.set(s, (counts.get(s) ?? 0) + 1); b.releaseServer(s); }
    for (const c of counts.values()) expect(Math.abs(c - 3_000)).toBeLessThan(300);
  });
});

describe('bad input gives clear errors', () => {
  it.each([
    [() => new RoundRobinBalancer([]), /vacía/],
    [() => new LeastConnectionsBalancer(['a', 'a']), /repetido: a/],
    [() => new RoundRobinBalancer(['a', '' as string]), /texto no vacío/],
    [() => new SmoothWeightedRoundRobin([{ server: 'a', weight: 0 }]), /entero positivo, no 0/],
    [() => new SmoothWeightedRoundRobin([{ server: 'a', weight: -2 }]), /entero positivo/],
    [() => new SmoothWeightedRoundRobin([{ server: 'a', weight: 1.5 }]), /entero positivo/],
    [() => createBalancer('random', { servers: ['a'] }), /necesita un rng/],
    [() => createBalancer('weighted-round-robin', { servers: ['a', 'b'], weights: [1] }), /2 servidores y 1 pesos/],
    [() => createBalancer('fastest' as never, { servers: ['a'] }), /política desconocida: fastest/],
    [() => new RoundRobinBalancer(['a']).releaseServer('b'), /desconocido: b/],
    [() => new LeastConnectionsBalancer(['a']).releaseServer('a'), /no tiene conexiones abiertas/],
    [() => replayRequests(new RoundRobinBalancer(['a']), [{ startMs: 0, durationMs: -1 }]), /durationMs ≥ 0/],
  ])('%#', (f, message) => {
    expect(f).toThrow(message);
  });

  it('replay validates every request before the first pick: a bad last one leaves the balancer untouched', () => {
    const lc = new LeastConnectionsBalancer(['a', 'b']);
    expect(() => replayRequests(lc, [{ startMs: 0, durationMs: 5 }, { startMs: 1, durationMs: 5 }, { startMs: Number.NaN, durationMs: 1 }])).toThrow(/petición 2/);
    expect([lc.active('a'), lc.active('b')]).toEqual([0, 0]);
    expect(() => replayRequests(lc, [{ startMs: 0, durationMs: 1 }], { slowdown: new Map([['a', 0]]) })).toThrow(/slowdown de a/);
    expect(lc.getServer()).toBe('a');
  });

  it('every policy builds and serves with the same options', () => {
    for (const policy of POLICY_NAMES) {
      const b = createBalancer(policy, { servers: ['a', 'b'], rng: createRng(1), weights: [2, 1] });
      const s = b.getServer();
      expect(['a', 'b']).toContain(s);
      b.releaseServer(s);
      expect(b.active(s)).toBe(0);
    }
  });
});

describe('balls into bins', () => {
  it('two choices give a much lower maximum than one (n = 20,000, seed 1), near ln ln n / ln 2', () => {
    const one = maxLoad({ bins: 20_000, choices: 1, rng: createRng(1) });
    const two = maxLoad({ bins: 20_000, choices: 2, rng: createRng(1) });
    expect(two).toBeLessThan(one);
    expect(two).toBeLessThanOrEqual(Math.ceil(maxLoadTheory(20_000, 2)) + 2);
    expect(one).toBeGreaterThanOrEqual(Math.floor(maxLoadTheory(20_000, 1)));
  });

  it('is deterministic and validates its arguments', () => {
    const rows = () => maxLoadSweep({ sizes: [100, 1_000], choices: [1, 2], trials: 3, rng: createRng('bins') });
    expect(rows()).toEqual(rows());
    expect(() => maxLoad({ bins: 0, choices: 1, rng: createRng(1) })).toThrow(/bins/);
    expect(() => maxLoad({ bins: 10, choices: 0, rng: createRng(1) })).toThrow(/choices/);
  });
});
