import { describe, expect, it } from 'vitest';
import { explore, formatChoice, randomWalk, replaySchedule } from '../../lib/explore/index';
import type { ExploreOptions } from '../../lib/explore/index';
import { paxosAgreement, paxosLite } from '../../lib/sim/examples/paxos-lite';
import type { PaxosBug, PaxosLiteNode, PaxosMessage } from '../../lib/sim/examples/paxos-lite';
import { spaceTimeDiagram } from '../../lib/sim/index';

const proposers = ['p1', 'p2'];
const acceptors = ['a1', 'a2', 'a3'];

/** Two proposers, three acceptors; losses are left out (for safety a lost message is one never delivered). */
function paxos(bug: PaxosBug, faults: ExploreOptions<PaxosMessage, PaxosLiteNode>['faults'] = { drop: false }): ExploreOptions<PaxosMessage, PaxosLiteNode> {
  return { nodeIds: [...proposers, ...acceptors], createNode: paxosLite({ proposers, acceptors, bug }), checkers: [paxosAgreement(acceptors.length)], faults };
}

const forgetful = paxos('acceptorForgetsAccepted');
let forgetfulResult: ReturnType<typeof explore<PaxosMessage, PaxosLiteNode>> | undefined;
/** The search for the forgetful acceptor, made once for the tests that read it. */
const exploreForgetful = () => (forgetfulResult ??= explore(forgetful));

describe('explore on two-proposer, three-acceptor single-decree Paxos', () => {
  it('an acceptor that forgets its accepted value in its Promise: two values chosen in 12 steps (the shortest run)', () => {
    const result = exploreForgetful();
    expect(result.verdict).toBe('violation');
    expect(result.depth).toBe(12);
    const c = result.counterexample!;
    expect(c.checker).toBe('agreement');
    expect(c.message).toBe('se eligieron 2 valores distintos: v-p1 (ballot 1) y v-p2 (ballot 2)');
    // The intersection acceptor promised ballot 2 after accepting v-p1 in ballot 1, and did not say so.
    const lines = c.choices.map((choice) => formatChoice(choice));
    expect(lines).toContain('entrega a1→p2 Promise ballot=2 acceptedBallot=0 acceptedValue=null');
    expect(lines.indexOf('entrega p1→a1 Accept ballot=1 value=v-p1')).toBeLessThan(lines.indexOf('entrega p2→a1 Prepare ballot=2'));
    expect(c.replayed).toBe(true);
    expect(c.trace.filter((e) => e.kind === 'deliver')).toHaveLength(12);
    expect(JSON.stringify(spaceTimeDiagram(c.trace))).toContain('Promise');
  });

  it('a proposer that keeps its own value (the lecture\'s bug): also 12 steps, though the Promise reported v-p1', () => {
    const result = explore(paxos('proposerKeepsOwnValue'));
    expect(result.verdict).toBe('violation');
    expect(result.depth).toBe(12);
    const lines = result.counterexample!.choices.map((choice) => formatChoice(choice));
    expect(lines).toContain('entrega a1→p2 Promise ballot=2 acceptedBallot=1 acceptedValue=v-p1');
    expect(lines[lines.length - 1]).toMatch(/^entrega p2→a\d Accept ballot=2 value=v-p2$/);
    expect(result.counterexample!.replayed).toBe(true);
  });

  it('the replayed counterexample breaks agreement in the simulator at its last step', () => {
    const c = exploreForgetful().counterexample!;
    const sim = replaySchedule(forgetful, c.choices);
    expect(sim.violation?.checker).toBe('agreement');
    expect(sim.violation?.timeMs).toBe(12);
    expect(replaySchedule(forgetful, c.choices.slice(0, -1)).violation).toBeUndefined();
  });

  it('correct Paxos is safe over its whole state space: 24,137 distinct states, no run longer than 16 steps', () => {
    const result = explore(paxos('none'));
    expect(result.verdict).toBe('safe');
    expect(result.exhausted).toBe(true);
    expect(result.distinctStates).toBe(24_137);
    expect(result.depth).toBe(16);
    expect(result.summary).toMatch(/^Sin violaciones en todo el espacio de estados: 24\.137 estados distintos/);
  });

  it('random walks find the bug too, with losses and duplicates allowed, and replay it', () => {
    const result = randomWalk({ ...paxos('acceptorForgetsAccepted', { drop: true, duplicates: 1 }), walks: 2_000, maxDepth: 40, walkSeed: 5 });
    const again = randomWalk({ ...paxos('acceptorForgetsAccepted', { drop: true, duplicates: 1 }), walks: 2_000, maxDepth: 40, walkSeed: 5 });
    expect(result.verdict, 'walkSeed 5').toBe('violation');
    expect(result.counterexample?.checker).toBe('agreement');
    expect(result.counterexample?.replayed).toBe(true);
    expect(result.counterexample!.choices.length).toBeGreaterThanOrEqual(12); // never shorter than the shortest
    expect(again.counterexample?.choices).toEqual(result.counterexample?.choices);
  });
});
