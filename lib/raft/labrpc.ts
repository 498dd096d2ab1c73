/**
 * MIT 6.5840's unreliable network (its `labrpc`), on the simulator: with `reliable = false`
 * 10 % of requests and 10 % of replies are lost and requests wait 0–27 ms; with long
 * reordering, 2/3 of replies are held 200–2,200 ms (`200 + rand(1 + rand(2000))`), so
 * replies arrive long after later ones. Client messages are left alone (they are not RPCs
 * between servers).
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { latency } from '../sim/network';
import type { NetworkModel } from '../sim/network';
import type { Simulation } from '../sim/simulation';
import type { RaftMessage } from './messages';
import type { RaftNode } from './node';

/** The network model of an unreliable 6.5840 run: 0–27 ms per message. */
export const LAB_UNRELIABLE_NETWORK: NetworkModel = { latency: latency.uniform(0, 27) };

const REQUESTS: ReadonlySet<string> = new Set(['RequestVote', 'AppendEntries', 'InstallSnapshot']);
const REPLIES: ReadonlySet<string> = new Set(['RequestVoteReply', 'AppendEntriesReply', 'InstallSnapshotReply']);

/** Counters of what {@link labUnreliable} did. */
export interface LabCounters {
  droppedRequests: number;
  droppedReplies: number;
  reorderedReplies: number;
}

/**
 * Makes a running simulation's server-to-server traffic unreliable as 6.5840's is: drops 10 %
 * of requests and 10 % of replies (traced as `filtered` drops) and, with `longReordering`,
 * holds 2/3 of the surviving replies for 200–2,200 ms (the held copy is traced as a drop and
 * delivered later as an injected send). Draws come from their own stream (`<seed>/labrpc`).
 * Returns a function that makes the network reliable again, and the counters.
 *
 * @example
 * const sim = new Simulation({ seed: 1, nodeIds, createNode: raftNode(LAB_TIMING), network: LAB_UNRELIABLE_NETWORK });
 * const lab = labUnreliable(sim, { seed: 1, longReordering: true });
 * sim.runFor(5_000); lab.stop();
 */
export function labUnreliable(sim: Simulation<RaftMessage, RaftNode>, options: { readonly seed: Seed; readonly longReordering?: boolean; readonly dropProbability?: number }): { stop(): void; readonly counters: LabCounters } {
  const rng = createRng(`${options.seed}/labrpc`);
  const p = options.dropProbability ?? 0.1;
  const counters: LabCounters = { droppedRequests: 0, droppedReplies: 0, reorderedReplies: 0 };
  const stop = sim.dropIf(({ from, to, message }) => {
    if (REQUESTS.has(message.type)) {
      if (!rng.bernoulli(p)) return false;
      counters.droppedRequests++;
      return true;
    }
    if (!REPLIES.has(message.type)) return false;
    if (rng.bernoulli(p)) {
      counters.droppedReplies++;
      return true;
    }
    if (options.longReordering !== true || rng.next() >= 2 / 3) return false;
    const delayMs = 200 + rng.int(0, rng.int(0, 2_000));
    counters.reorderedReplies++;
    // Deferred to an action of its own: the filter runs in the middle of the sender's step.
    sim.at(sim.nowMs, () => sim.inject(to, message, { from, afterMs: delayMs }));
    return true;
  });
  return { stop, counters };
}
