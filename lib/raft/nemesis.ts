/**
 * The Raft nemesis: it strikes at the moments Raft's safety argument depends on — it isolates a
 * leader with one follower right after it appends (the entry reaches a minority), crashes a
 * leader right after it commits (the two moves of the paper's Figure 8), and flash-crashes a
 * voter right after it grants a vote (what it wrote must survive). Random faults alone almost
 * never line those up (lib/sim's raft-lite measured it).
 */
import type { Nemesis } from '../sim/nemesis';
import type { Simulation } from '../sim/simulation';
import type { NodeId } from '../sim/types';
import type { RaftApply, RaftMessage } from './messages';
import type { RaftNode } from './node';

/** How often the nemesis of one seed strikes, and how long its crashes last on average. */
export interface RaftNemesisPlan {
  readonly isolateAfterAppend: number;
  readonly crashAfterCommit: number;
  readonly flashAfterVote: number;
  readonly downMsMean: number;
}

/**
 * The nemesis for a simulation `ref.sim` (set right after it is built): a granted vote may be
 * followed by a flash crash of its voter; a client request delivered to a leader means it just
 * appended; an `apply` output from a leader means it just advanced its commit index.
 */
export function raftNemesis(ref: { sim?: Simulation<RaftMessage, RaftNode> }, plan: RaftNemesisPlan, nodeIds: readonly NodeId[]): Nemesis<RaftMessage> {
  let lastCommitStrike = -1;
  // One isolation at a time: the next waits until the last one's partition heals and its node is back.
  let busyUntilMs = -1;
  const leader = (id: NodeId) => ref.sim?.node(id)?.role === 'leader';
  return (event, control) => {
    if (event.kind !== 'deliver' && event.kind !== 'output' && event.kind !== 'send') return;
    const rng = control.nemesisRng;
    const t = control.nowMs;
    if (event.kind === 'send') {
      if (event.message.type !== 'RequestVoteReply' || !event.message.voteGranted || !nodeIds.includes(event.from) || !rng.bernoulli(plan.flashAfterVote)) return;
      const voter = event.from;
      control.at(t, () => control.isUp(voter) && control.crash(voter));
      control.at(t + rng.int(1, 5), () => !control.isUp(voter) && control.restart(voter));
      return;
    }
    if (event.kind === 'deliver' && event.message.type === 'ClientRequest' && leader(event.to)) {
      if (t < busyUntilMs || !rng.bernoulli(plan.isolateAfterAppend)) return;
      const node = event.to;
      const buddy = rng.choice(nodeIds.filter((id) => id !== node));
      const rest = nodeIds.filter((id) => id !== node && id !== buddy);
      const healAtMs = t + Math.round(rng.uniform(100, 1_000));
      ref.sim?.schedule([{ type: 'partition', atMs: t, groups: [[node, buddy], rest], healAtMs }]);
      const crashAtMs = t + rng.uniform(0, 10);
      const restartAtMs = crashAtMs + 1 + Math.round(rng.exponential(plan.downMsMean));
      busyUntilMs = Math.max(healAtMs, restartAtMs);
      control.at(crashAtMs, () => control.isUp(node) && control.crash(node));
      control.at(restartAtMs, () => !control.isUp(node) && control.restart(node));
    } else if (event.kind === 'output' && event.label === 'apply' && leader(event.node) && t !== lastCommitStrike) {
      // One draw per commit, not per entry applied by it; an entry of an earlier term just
      // committed is Figure 8's moment (d)→(e), so the nemesis strikes there twice as often.
      lastCommitStrike = t;
      const apply = event.data as RaftApply;
      const p = apply.term < apply.atTerm ? Math.min(1, 2 * plan.crashAfterCommit + 0.2) : plan.crashAfterCommit;
      if (!rng.bernoulli(p)) return;
      const node = event.node;
      const restartAtMs = t + 1 + Math.round(rng.exponential(plan.downMsMean));
      control.crash(node);
      control.at(restartAtMs, () => !control.isUp(node) && control.restart(node));
    }
  };
}
