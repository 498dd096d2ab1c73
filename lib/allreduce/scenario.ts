/**
 * The ring AllReduce sweep scenario: per seed, 2–6 nodes with small integer vectors (so every
 * sum is exact), a network that loses, duplicates and reorders messages, and two checkers:
 * `allReduceEqualsSum` (every vector a node outputs is the sum of the inputs, and still is at the
 * end of the run) and
 * `allReduceFinishes` (at the end of the run every node is up and has output its sum).
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { checker } from '../sim/checkers';
import type { CheckerFactory } from '../sim/checkers';
import { fault } from '../sim/faults';
import { Simulation } from '../sim/simulation';
import type { NodeId } from '../sim/types';
import { chunkBounds, mod } from './ring';
import { formatRingMessage, ringAllReduceNode } from './sim-node';
import type { RingAllReduceNode, RingMessage, RingNodeOptions } from './sim-node';

/** What a seed draws: the nodes, their vectors and the network's faults. */
export interface AllReducePlan {
  readonly nodeIds: NodeId[];
  readonly inputs: Map<NodeId, number[]>;
  readonly expected: number[];
  readonly loss: number;
  readonly duplicate: number;
  readonly reorder: number;
}

/** Draws the plan of `seed`: 2–6 nodes, vectors of 1–12 integers in [−50, 50], loss ≤ 10 %, duplicates ≤ 10 %, reordering ≤ 30 %. */
export function allReducePlan(seed: Seed): AllReducePlan {
  const rng = createRng(`${seed}/allreduce-plan`);
  const n = rng.int(2, 6);
  const length = rng.int(1, 12);
  const nodeIds = Array.from({ length: n }, (_, i) => `n${i}`);
  const inputs = new Map(nodeIds.map((id) => [id, Array.from({ length }, () => rng.int(-50, 50))] as [NodeId, number[]]));
  const expected = Array.from({ length }, (_, i) => [...inputs.values()].reduce((s, v) => s + (v[i] as number), 0));
  return { nodeIds, inputs, expected, loss: rng.uniform(0, 0.1), duplicate: rng.uniform(0, 0.1), reorder: rng.uniform(0, 0.3) };
}

/** Where `got` differs from `expected`, in Spanish: a different length, or the first wrong position. */
function difference(got: readonly number[], expected: readonly number[]): string | undefined {
  if (got.length !== expected.length) return `tiene ${got.length} valores y la suma tiene ${expected.length}`;
  const wrong = expected.findIndex((v, i) => got[i] !== v);
  return wrong < 0 ? undefined : `la posición ${wrong} vale ${got[wrong]} y debería valer ${expected[wrong]}`;
}

/**
 * The checker `allReduceEqualsSum`: every `allReduced` output equals the element-wise sum of the
 * inputs, and at the end of the run every node that finished still holds that sum (a chunk applied
 * after the node's output, e.g. a late duplicate, changes the vector without a new output).
 */
export function allReduceEqualsSum(expected: readonly number[]): CheckerFactory<RingMessage, RingAllReduceNode> {
  return checker<RingMessage, RingAllReduceNode>('allReduceEqualsSum', () => ({
    onEvent(event) {
      if (event.kind !== 'output' || event.label !== 'allReduced') return undefined;
      const got = (event.data as { vector: number[] }).vector;
      const wrong = difference(got, expected);
      if (wrong !== undefined) return { message: `${event.node} terminó con [${got.join(', ')}] y la suma es [${expected.join(', ')}]: ${wrong}`, nodes: [event.node] };
      return undefined;
    },
    atEnd(cluster) {
      for (const node of cluster.nodes.values()) {
        if (!node.done) continue;
        const wrong = difference(node.vector, expected);
        if (wrong !== undefined) return { message: `al final de la ejecución ${node.id} tiene [${node.vector.join(', ')}] y la suma es [${expected.join(', ')}]: ${wrong}`, nodes: [node.id] };
      }
      return undefined;
    },
  }));
}

/** The checker `allReduceFinishes`: at the end of the run, every node has completed its 2(N − 1) steps. */
export function allReduceFinishes(): CheckerFactory<RingMessage, RingAllReduceNode> {
  return checker<RingMessage, RingAllReduceNode>('allReduceFinishes', () => ({
    atEnd(cluster) {
      const stuck = [...cluster.nodes.values()].filter((node) => !node.done);
      const crashed = [...cluster.crashed];
      if (stuck.length === 0 && crashed.length === 0) return undefined;
      const parts = stuck.map((s) => `${s.id} en el paso ${s.position} de ${s.steps}`).concat(crashed.map((id) => `${id} caído`));
      return { message: `la operación no terminó: ${parts.join(', ')}`, nodes: [...stuck.map((s) => s.id), ...crashed] };
    },
  }));
}

/**
 * Options of {@link allReduceScenario}: the node's bugs, a crash, and how long to run (default 3 s
 * simulated).
 */
export interface AllReduceScenarioOptions {
  readonly node?: RingNodeOptions;
  /**
   * Crash one node (drawn from the seed) at a time in [0, 30) ms, never restarted: its neighbour
   * waits forever for its chunks, and `allReduceFinishes` reports that the operation cannot end.
   */
  readonly crash?: boolean;
  readonly durationMs?: number;
}

/**
 * The sweep scenario: one ring AllReduce per seed on a faulty network, then the checkers.
 *
 * @example
 * sweep({ seeds: 200, scenario: allReduceScenario({ node: { acceptDuplicates: true } }) }); // finds it
 */
export function allReduceScenario(options: AllReduceScenarioOptions = {}): (seed: Seed, run: { trace: boolean }) => Simulation<RingMessage, RingAllReduceNode> {
  return (seed, { trace }) => runAllReduce(seed, trace, options, true);
}

function runAllReduce(seed: Seed, trace: boolean, options: AllReduceScenarioOptions, withCheckers: boolean): Simulation<RingMessage, RingAllReduceNode> {
  {
    const plan = allReducePlan(seed);
    const crashRng = createRng(`${seed}/allreduce-crash`);
    const faults = options.crash ? [fault.crash(crashRng.uniform(0, 30), crashRng.choice(plan.nodeIds))] : [];
    const sim = new Simulation<RingMessage, RingAllReduceNode>({
      seed,
      trace,
      nodeIds: plan.nodeIds,
      createNode: ringAllReduceNode(plan.inputs, options.node),
      network: { latency: { kind: 'uniform', minMs: 1, maxMs: 10 }, loss: plan.loss, duplicate: plan.duplicate, reorder: plan.reorder, reorderDelayMs: 30 },
      formatMessage: formatRingMessage,
      faults,
      checkers: withCheckers ? [allReduceEqualsSum(plan.expected), allReduceFinishes()] : [],
    });
    sim.runFor(options.durationMs ?? 3_000);
    sim.finish();
    return sim;
  }
}

/** How a seed's run ended for the nodes that finished with a wrong vector (see {@link allReduceDamage}). */
export interface AllReduceDamage {
  /** Nodes that finished and end the run with a vector that is not the sum. */
  readonly wrongNodes: number;
  /** Of those, how many already output a wrong vector when they finished (the rest went wrong later). */
  readonly wrongAtOutput: number;
  /** Wrong chunks that are the node's own, (r + 1) mod N, the one it completes in reduce-scatter. */
  readonly ownChunk: number;
  /** Wrong chunks that are another one, which all-gather had already overwritten. */
  readonly otherChunk: number;
}

/**
 * Runs seed `seed` of {@link allReduceScenario}`(options)` to the end with no checker (so a first
 * violation does not stop it) and says which finished nodes end with a wrong vector, whether
 * their output was already wrong, and which of their chunks are wrong.
 *
 * @example
 * allReduceDamage(7, { node: { acceptDuplicates: true } }); // { wrongNodes: 1, wrongAtOutput: 0, … }
 */
export function allReduceDamage(seed: Seed, options: AllReduceScenarioOptions = {}): AllReduceDamage {
  const plan = allReducePlan(seed);
  const sim = runAllReduce(seed, false, options, false);
  let wrongNodes = 0;
  let wrongAtOutput = 0;
  let ownChunk = 0;
  let otherChunk = 0;
  for (const node of sim.nodes.values()) {
    if (!node.done || difference(node.vector, plan.expected) === undefined) continue;
    wrongNodes++;
    if (node.outputVector !== undefined && difference(node.outputVector, plan.expected) !== undefined) wrongAtOutput++;
    chunkBounds(plan.expected.length, node.n).forEach(([a, b], c) => {
      if (node.vector.slice(a, b).every((v, i) => v === plan.expected[a + i])) return;
      if (c === mod(node.rank + 1, node.n)) ownChunk++;
      else otherChunk++;
    });
  }
  return { wrongNodes, wrongAtOutput, ownChunk, otherChunk };
}
