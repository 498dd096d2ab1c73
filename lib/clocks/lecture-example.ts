/**
 * The lecture's example, "tres nodos A, B y C" in a financial system, as a scripted run:
 * A has a local event E1 and sends E2 to B; B receives it and sends E3 to C; C receives it.
 * Lamport's clocks then read A: 1, 2; B: 3, 4; C: 5, as in the lecture's table.
 *
 * The vector-clock slide prints [1,0,0], [1,0,0], [1,1,0], [2,2,0], [2,2,1], all labelled
 * `v_A`. They cannot all be A's: not because A's vector cannot count other nodes' events (it
 * would, after A hears from B), but because A never receives a message in this example, so
 * v_A can only be [k,0,0]. Replaying the events gives, per node, A: [1,0,0] (E1), [2,0,0]
 * (send E2); B: [2,1,0] (receive E2), [2,2,0] (send E3); C: [2,2,1] (receive E3). The slide's
 * first, fourth and fifth vectors match; its second and third are most likely a typo for
 * [2,0,0] and [2,1,0], since B cannot reach [2,2,0] from [1,1,0] without another message from A.
 */
import { latency } from '../sim/network';
import { scripted } from '../sim/examples/scripted';
import type { NodeScript } from '../sim/examples/scripted';
import { Simulation } from '../sim/simulation';
import type { ProtocolNode } from '../sim/types';
import type { ScriptedMessage } from '../sim/examples/scripted';

/** The lecture's nodes, in the order of the vectors' entries. */
export const LECTURE_NODES = ['A', 'B', 'C'] as const;

/** Options of {@link lectureExample}. */
export interface LectureExampleOptions {
  /** Add a local event X on C, early, concurrent with A's E1 and E2 (not in the lecture). */
  readonly concurrentEventOnC?: boolean;
  /** Seed (the run has no randomness, but every simulation takes one). */
  readonly seed?: number;
}

/**
 * Runs the lecture's A/B/C example on the simulator and returns the finished simulation:
 * its trace feeds `stampTrace`, the space-time diagram and ShiViz.
 *
 * @example
 * const sim = lectureExample();
 * stampTrace(sim.trace).map((e) => `${e.node}: L=${e.lamport}`); // A: 1, A: 2, B: 3, B: 4, C: 5
 */
export function lectureExample(options: LectureExampleOptions = {}): Simulation<ScriptedMessage, ProtocolNode<ScriptedMessage>> {
  const scripts = new Map<string, NodeScript>([
    ['A', { atStart: [{ afterMs: 10, local: 'E1' }, { afterMs: 30, send: 'E2', to: 'B' }] }],
    ['B', { onReceive: { E2: [{ afterMs: 20, send: 'E3', to: 'C' }] } }],
    ['C', options.concurrentEventOnC ? { atStart: [{ afterMs: 20, local: 'X' }] } : {}],
  ]);
  const sim = new Simulation<ScriptedMessage>({
    seed: options.seed ?? 1,
    nodeIds: LECTURE_NODES,
    createNode: scripted(scripts),
    network: { latency: latency.constant(20) },
  });
  sim.runFor(200);
  return sim;
}

/** The vectors exactly as printed on the lecture's slide (all labelled `v_A` there). */
export const LECTURE_SLIDE_VECTORS: readonly (readonly number[])[] = [
  [1, 0, 0],
  [1, 0, 0],
  [1, 1, 0],
  [2, 2, 0],
  [2, 2, 1],
];
