import { describe, expect, it } from 'vitest';
// The README / TSDoc "try it" snippets, run as written (imports adjusted to this folder), so a
// snippet that no longer matches the API fails here.
import { closedLoopClient, kvRegister, Simulation, spaceTimeDiagram } from '../../lib/sim/index';
import type { KvMessage, KvRegisterNode } from '../../lib/sim/index';
import { checkLinearizability, registerModel } from '../../lib/linearizability/index';
import type { RegisterInput } from '../../lib/linearizability/index';
import { explore, formatChoice } from '../../lib/explore/index';
import { paxosAgreement, paxosLite } from '../../lib/sim/examples/paxos-lite';

describe('documentation examples', () => {
  it('closedLoopClient @example: clients on kvRegister give a linearizable history (seed 1)', () => {
    const sim = new Simulation<KvMessage, KvRegisterNode>({
      seed: 1, nodeIds: ['n1', 'n2', 'n3'], createNode: kvRegister(),
      clients: { ids: ['c1', 'c2'], createClient: closedLoopClient<KvMessage, RegisterInput, unknown>({
        operations: ({ rng }) => (rng.next() < 0.5 ? { f: 'read', key: 'x' } : { f: 'write', key: 'x', value: rng.int(1, 5) }),
        maxOperations: 20,
        key: (input) => input.key,
        encode: (input, { requestId }) => ({ type: 'Request', requestId, input }),
        decode: (m) => (m.type === 'Reply' ? { kind: 'ok', requestId: m.requestId, output: m.output } : undefined),
      }) },
    });
    sim.runFor(5_000);
    expect(sim.history.length, 'seed=1').toBeGreaterThanOrEqual(20);
    expect(checkLinearizability(registerModel(), sim.history).verdict, 'seed=1').toBe('ok');
  });

  it('lib/explore README try-it: the buggy Paxos has a counterexample that draws', () => {
    const r = explore({ nodeIds: ['p1', 'p2', 'a1', 'a2', 'a3'], checkers: [paxosAgreement(3)], faults: { drop: false },
      createNode: paxosLite({ proposers: ['p1', 'p2'], acceptors: ['a1', 'a2', 'a3'], bug: 'acceptorForgetsAccepted' }) });
    expect(r.counterexample, r.summary).toBeDefined();
    expect(r.counterexample?.choices.map((c) => formatChoice(c)).length).toBe(12);
    const figure = spaceTimeDiagram(r.counterexample!.trace);
    expect(figure.data.length).toBeGreaterThan(0);
  });
});
