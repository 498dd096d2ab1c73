import { describe, expect, it } from 'vitest';
import { checkExternalConsistency, runSpanner, spannerLeader } from '../../lib/replication/spanner';
import type { SpannerLeader, SpannerMessage } from '../../lib/replication/spanner';
import { Simulation } from '../../lib/sim/simulation';
import type { History } from '../../lib/linearizability/history';

const commit = (id: number, client: string, invokeMs: number, completeMs: number, ts: number) => ({ id, client, input: { f: 'commit' }, output: ts, invokeMs, completeMs, status: 'ok' as const });

describe('Spanner commit wait (TrueTime)', () => {
  it('the checker accepts timestamps that follow real time, and names the pair that does not', () => {
    const good: History = [commit(0, 'c1', 0, 5, 3), commit(1, 'c2', 6, 9, 7), commit(2, 'c3', 1, 8, 2)];
    expect(checkExternalConsistency(good)).toBeUndefined();
    const bad: History = [commit(0, 'c1', 0, 5, 9), commit(1, 'c2', 6, 9, 7)];
    const v = checkExternalConsistency(bad);
    expect(v).toMatchObject({ first: 0, second: 1 });
    expect(v?.explanation).toMatch(/terminó .* empezó después/);
  });

  it('with commit wait no seed violates external consistency, at a cost of about 2ε per commit', () => {
    for (const epsilonMs of [1, 5]) {
      for (let seed = 1; seed <= 3; seed++) {
        const wait = runSpanner({ seed, epsilonMs, commitWait: true, durationMs: 400 });
        const noWait = runSpanner({ seed, epsilonMs, commitWait: false, durationMs: 400 });
        expect(wait.violation, `seed ${seed} ε=${epsilonMs}`).toBeUndefined();
        expect(wait.latencyMsP50 - noWait.latencyMsP50, `seed ${seed} ε=${epsilonMs}`).toBeCloseTo(2 * epsilonMs, 0);
      }
    }
  });

  it('a leader reports malformed messages and never crashes on them', () => {
    const sim = new Simulation<SpannerMessage, SpannerLeader>({ seed: 1, nodeIds: ['a'], createNode: spannerLeader({ epsilonMs: 2 }) });
    for (const junk of [null, 'hola', { type: 'Commit' }, { type: 'Abort', requestId: 'r' }]) sim.inject('a', junk as unknown as SpannerMessage, { from: 'x' });
    sim.inject('a', { type: 'Commit', requestId: 'r1', key: 'k' }, { from: 'x' });
    sim.runFor(50);
    expect(sim.violation).toBeUndefined();
    expect(sim.outputs.filter((o) => o.label === 'malformed')).toHaveLength(4);
    expect(sim.received('x').map((d) => (d.message as SpannerMessage).type)).toEqual(['Committed']);
  });

  it('without commit wait the checker finds a violation (clocks ±ε apart)', () => {
    for (let seed = 1; seed <= 3; seed++) expect(runSpanner({ seed, epsilonMs: 5, commitWait: false, durationMs: 400 }).violation, `seed ${seed}`).toBeDefined();
  });
});
