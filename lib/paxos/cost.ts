/**
 * Messages per decided command against cluster size, on a fault-free network: basic Paxos
 * (one single-decree instance per command: Prepare, Promise, Accept, Accepted to the
 * proposer, 4n) and Multi-Paxos with a stable leader (phase 2 only: Accept, Accepted, Decide,
 * 3n, plus heartbeats). Both O(n); the leader saves Multi-Paxos a whole phase per command.
 */
import { Simulation } from '../sim/simulation';
import type { MultiPaxosMessage, PaxosMessage } from './messages';
import { multiPaxos } from './multi-paxos';
import type { MultiPaxosNode } from './multi-paxos';
import { paxos } from './single-decree';
import type { PaxosNode } from './single-decree';

/** One point: messages per decided command for a cluster of `nodes`. */
export interface CostPoint {
  readonly nodes: number;
  readonly commands: number;
  readonly messages: number;
  readonly perCommand: number;
}

/**
 * Basic Paxos: `commands` separate instances, each with one proposer and `n` acceptors.
 *
 * @example
 * paxosMessagesPerCommand([3, 5]).map((p) => p.perCommand); // [12, 20]
 */
export function paxosMessagesPerCommand(sizes: readonly number[], commands = 10): CostPoint[] {
  return sizes.map((n) => {
    const acceptors = Array.from({ length: n }, (_, i) => `a${i + 1}`);
    let messages = 0;
    for (let k = 1; k <= commands; k++) {
      const sim = new Simulation<PaxosMessage, PaxosNode>({ seed: `paxos-cost/${n}/${k}`, trace: false, nodeIds: ['p1', ...acceptors], createNode: paxos({ proposers: ['p1'], acceptors, retryMs: [5_000, 5_000] }) });
      sim.runUntil(() => sim.outputs.some((o) => o.label === 'chosen'), { limitMs: 4_000 });
      messages += sim.stats.sent;
    }
    return { nodes: n, commands, messages, perCommand: messages / commands };
  });
}

/**
 * Multi-Paxos with a stable leader: after the election, `commands` sequential commands; every
 * message counts, heartbeats included (so the number depends a little on the latency).
 *
 * @example
 * multiPaxosMessagesPerCommand([3, 5]).map((p) => Math.round(p.perCommand)); // ≈ [9, 15] plus heartbeats
 */
export function multiPaxosMessagesPerCommand(sizes: readonly number[], commands = 50): CostPoint[] {
  return sizes.map((n) => {
    const nodeIds = Array.from({ length: n }, (_, i) => `n${i + 1}`);
    const sim = new Simulation<MultiPaxosMessage, MultiPaxosNode>({ seed: `multipaxos-cost/${n}`, trace: false, nodeIds, createNode: multiPaxos() });
    const leader = () => [...sim.nodes.values()].find((node) => node.role === 'leader');
    sim.runUntil(() => leader() !== undefined && leader()!.firstUndecided === 1, { limitMs: 10_000 });
    sim.runFor(100);
    const chief = leader() as MultiPaxosNode;
    const before = sim.stats.sent;
    for (let k = 1; k <= commands; k++) {
      sim.inject(chief.id, { type: 'ClientRequest', command: `c${k}` });
      sim.runUntil(() => chief.firstUndecided > k, { limitMs: 5_000 });
    }
    const messages = sim.stats.sent - before;
    return { nodes: n, commands, messages, perCommand: messages / commands };
  });
}
