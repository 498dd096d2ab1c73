/**
 * Histories from the simulator: lib/sim's single-leader kv-register example with its
 * deliberate bug (followers answer reads from a lagging copy). The checker catches the stale
 * read, the operation it cannot place is a read a follower answered, and the timeline marks it.
 */
import { describe, expect, it } from 'vitest';
import { checkLinearizability, linearizabilityTimeline, registerModel } from '../../lib/linearizability/index';
import type { History } from '../../lib/linearizability/index';
import { kvRegister, kvRegisterClient, latency, Simulation } from '../../lib/sim/index';
import type { KvMessage, KvRegisterNode } from '../../lib/sim/index';

function run(seed: number, staleReads: boolean): Simulation<KvMessage, KvRegisterNode> {
  const sim = new Simulation<KvMessage, KvRegisterNode>({
    seed, nodeIds: ['n1', 'n2', 'n3'], network: { latency: latency.exponential(10, 1) },
    createNode: kvRegister({ staleReads }),
    clients: { ids: ['c1', 'c2', 'c3'], createClient: kvRegisterClient({ operationsPerClient: 20 }) },
  });
  sim.runFor(3_000);
  return sim;
}

/** Whether a follower (not the leader n1) sent a Reply to `client` during [fromMs, toMs]. */
function answeredByFollower(sim: Simulation<KvMessage, KvRegisterNode>, client: string, fromMs: number, toMs: number): boolean {
  return sim.trace.some((e) => e.kind === 'send' && e.from !== 'n1' && e.to === client && e.message.type === 'Reply' &&
    e.timeMs >= fromMs && e.timeMs <= toMs);
}

describe('a stale read in a simulated run', () => {
  it.each([1, 2, 3, 4])('seed %i: caught, the impossible operation is a read a follower answered, and the timeline marks it', (seed) => {
    const sim = run(seed, true);
    const history: History = sim.history;
    const result = checkLinearizability(registerModel(), history);
    expect(result.verdict, `reproduce with seed=${seed}`).toBe('illegal');
    const part = result.partitions.find((p) => p.verdict === 'illegal')!;
    const impossible = history.find((op) => op.id === part.firstImpossible)!;
    expect((impossible.input as { f: string }).f, `seed ${seed}`).toBe('read');
    expect(answeredByFollower(sim, impossible.client, impossible.invokeMs, impossible.completeMs!), `seed ${seed}`).toBe(true);

    const figure = linearizabilityTimeline(history, result, { model: registerModel() });
    const marked = figure.data.filter((t) => t.name === 'imposible');
    expect(marked).toHaveLength(1);
    expect(marked[0]!.hovertext).toHaveLength(1);
    expect(String((marked[0]!.hovertext as string[])[0])).toContain(`#${impossible.id} ${impossible.client}`);
    expect(figure.layout?.annotations?.[0]?.['text']).toBe(`#${impossible.id} imposible`);
  });

  it('the same seeds without the bug are linearizable, and the timeline numbers every operation', () => {
    for (const seed of [1, 2, 3, 4]) {
      const sim = run(seed, false);
      const result = checkLinearizability(registerModel(), sim.history);
      expect(result.verdict, `reproduce with seed=${seed}`).toBe('ok');
      const figure = linearizabilityTimeline(sim.history, result, { model: registerModel() });
      const numbers = figure.data.flatMap((t) => (t.text as string[]).filter((s) => s !== '').map(Number));
      const placed = result.partitions.reduce((n, p) => n + p.linearization.length, 0);
      expect(numbers.length, `seed ${seed}`).toBe(placed);
      expect(figure.data.some((t) => t.name === 'imposible'), `seed ${seed}`).toBe(false);
    }
  });
});
