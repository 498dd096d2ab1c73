// Chapter 07's leases and fencing tokens on the simulator (Kleppmann's example), its sweep,
// and bad input.
import { describe, expect, it } from 'vitest';
import { leaseExperiment, leaseScenario } from '../../lib/lease/index';
import { sweep } from '../../lib/sim/index';

describe('a lease holder paused past its expiry (Kleppmann, "How to do distributed locking")', () => {
  it('without fencing tokens the storage applies the stale write: staleWrite', () => {
    const sim = leaseExperiment({ fencing: false });
    expect(sim.violation?.checker).toBe('staleWrite');
    expect(sim.violation?.message).toMatch(/c1 con token 1 después de la de c2 con token 2/);
  });

  it('with fencing tokens the storage refuses it and keeps c2\'s value', () => {
    const sim = leaseExperiment({ fencing: true });
    expect(sim.violation).toBeUndefined();
    expect(sim.outputs.find((o) => o.label === 'refused')?.data).toMatchObject({ from: 'c1', token: 1, highestToken: 2 });
    expect((sim.node('storage') as unknown as { state: { value: string } }).state.value).toBe('c2#1');
  });

  it('a release with a token that is not the lock\'s, and a malformed write, are refused', () => {
    const sim = leaseExperiment({ fencing: true });
    const before = sim.outputs.filter((o) => o.label === 'rejected').length;
    sim.inject('lock', { type: 'Release', token: 99 }, { from: 'c2' });
    sim.inject('storage', { type: 'Write', token: 'x' } as never, { from: 'c2' });
    sim.inject('lock', { type: 'Acquire' }, { from: 'intruso' });
    sim.runFor(50);
    expect(sim.outputs.filter((o) => o.label === 'rejected').length - before).toBe(3);
    expect(sim.violation).toBeUndefined();
  });
});

describe('lease sweep (small; npm run sweep runs 10,000 seeds)', () => {
  it('with fencing no seed corrupts the storage (200 seeds); without, most do', () => {
    const fenced = sweep({ seeds: 200, scenario: leaseScenario({ fencing: true }) });
    expect(fenced.failures.map((f) => `semilla ${f.seed}: ${f.violation.message}`)).toEqual([]);
    const unfenced = sweep({ seeds: 100, scenario: leaseScenario({ fencing: false }) });
    expect(unfenced.violationsByChecker.staleWrite ?? 0).toBeGreaterThan(40);
  });
});
