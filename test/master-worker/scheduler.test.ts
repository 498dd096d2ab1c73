// The master's planner (pure) and the master in simulated time: a seeded sweep with crashes
// and slow workers in which every fragment is accepted exactly once and joined in order.
import { describe, expect, it } from 'vitest';
import { checkPlan, planAssignmentsReference, simulateMaster, validatePlanInput } from '../../lib/master-worker/index';
import type { MasterPlanState } from '../../lib/master-worker/index';

describe('the planner', () => {
  it('hands the first waiting fragments to the idle workers, in order, with deadline now + timeout', () => {
    const plan = planAssignmentsReference({ pending: [0, 1, 2], running: [], idle: ['t1', 't2'] }, 100, 1000);
    expect(plan.assigned).toEqual([{ fragment: 0, worker: 't1', deadlineMs: 1100 }, { fragment: 1, worker: 't2', deadlineMs: 1100 }]);
    expect(plan.pending).toEqual([2]);
    expect(plan.idle).toEqual([]);
  });

  it('times out a fragment whose deadline has come (deadline <= now), drops its worker, and puts it first in the queue', () => {
    const state: MasterPlanState = {
      pending: [5],
      running: [{ fragment: 3, worker: 't1', deadlineMs: 900 }, { fragment: 1, worker: 't2', deadlineMs: 1000 }, { fragment: 4, worker: 't3', deadlineMs: 1001 }],
      idle: [],
    };
    const plan = planAssignmentsReference(state, 1000, 500);
    expect(plan.timedOut).toEqual([{ fragment: 3, worker: 't1' }, { fragment: 1, worker: 't2' }]);
    expect(plan.pending).toEqual([1, 3, 5]);
    expect(plan.running).toEqual([{ fragment: 4, worker: 't3', deadlineMs: 1001 }]);
    expect(plan.idle).toEqual([]);
    expect(checkPlan(state, plan)).toBeUndefined();
  });

  it('does nothing with an empty queue or no idle worker', () => {
    expect(planAssignmentsReference({ pending: [], running: [], idle: ['t1'] }, 0, 10).assigned).toEqual([]);
    expect(planAssignmentsReference({ pending: [1], running: [], idle: [] }, 0, 10).assigned).toEqual([]);
  });

  it.each([
    ['a repeated fragment', { pending: [1, 1], running: [], idle: [] }, 0, 10, /dos veces/],
    ['a repeated worker', { pending: [], running: [{ fragment: 0, worker: 't1', deadlineMs: 5 }], idle: ['t1'] }, 0, 10, /trabajador aparece dos veces/],
    ['a negative fragment', { pending: [-1], running: [], idle: [] }, 0, 10, /enteros ≥ 0/],
    ['timeout 0', { pending: [], running: [], idle: [] }, 0, 0, /timeoutMs/],
    ['now NaN', { pending: [], running: [], idle: [] }, Number.NaN, 10, /nowMs/],
    ['no lists', {}, 0, 10, /listas/],
  ])('refuses a malformed state: %s', (_name, state, now, timeout, message) => {
    expect(() => validatePlanInput(state as never, now, timeout)).toThrow(message);
  });

  it('checkPlan catches a planner that loses a fragment or keeps using a dead worker', () => {
    const before: MasterPlanState = { pending: [2], running: [{ fragment: 1, worker: 't1', deadlineMs: 0 }], idle: [] };
    expect(checkPlan(before, { pending: [], running: [], idle: [], assigned: [], timedOut: [] })).toMatch(/perdió/);
    expect(checkPlan(before, { pending: [2], running: [{ fragment: 1, worker: 't1', deadlineMs: 10 }], idle: [], assigned: [], timedOut: [{ fragment: 1, worker: 't1' }] })).toMatch(/venció su plazo/);
  });
});

describe('the master in simulated time', () => {
  it('is deterministic: same seed, same run', () => {
    const options = { seed: 42, fragments: 12, workers: 3, crashProbability: 0.2, slowProbability: 0.1, timeoutMs: 500, workMsMean: 120 };
    expect(simulateMaster(options)).toEqual(simulateMaster(options));
    expect(simulateMaster({ ...options, seed: 43 }).accepted).not.toEqual(simulateMaster(options).accepted);
  });

  const seeds = Array.from({ length: 300 }, (_, i) => i + 1);
  it('sweep of 300 seeds with crashes (20 %) and slow workers (10 %): every fragment accepted exactly once, joined in order', () => {
    let timeouts = 0;
    let late = 0;
    for (const seed of seeds) {
      const run = simulateMaster({ seed, fragments: 12, workers: 1 + (seed % 5), crashProbability: 0.2, slowProbability: 0.1, timeoutMs: 500, workMsMean: 120 });
      expect(run.violations, `seed ${seed}`).toEqual([]);
      expect(run.joined, `seed ${seed}`).toEqual(Array.from({ length: 12 }, (_, i) => i));
      expect(new Set(run.accepted).size, `seed ${seed}`).toBe(12);
      timeouts += run.timeouts;
      late += run.lateAnswersIgnored;
    }
    // The faults did happen (the sweep is not vacuous).
    expect(timeouts).toBeGreaterThan(300);
    expect(late).toBeGreaterThan(50);
  });

  it('finds the bug of a planner that gives a timed-out worker back to the idle list (its fragment is never rendered)', () => {
    const buggy = (state: MasterPlanState, nowMs: number, timeoutMs: number) => {
      const plan = planAssignmentsReference(state, nowMs, timeoutMs);
      return { ...plan, idle: [...plan.idle, ...plan.timedOut.map((t) => t.worker)] };
    };
    const failing = seeds.slice(0, 100).filter((seed) => simulateMaster({ seed, fragments: 8, workers: 2, crashProbability: 0.3, timeoutMs: 500, workMsMean: 120, plan: buggy, limitMs: 50_000 }).violations.length > 0);
    expect(failing.length, 'the sweep should catch the zombie-worker bug').toBeGreaterThan(0);
  });
});
