/**
 * The properties an election must have, as checkers the simulator runs: at the end, every
 * live node agrees on the highest live node (`leaderAgreement`); never two leaders at once for
 * longer than a message's flight (`splitBrain`); and, strictly, never two at once (`singleLeader`).
 */
import type { CheckerFactory, CheckResult, ClusterView } from '../sim/checkers';
import { checker } from '../sim/checkers';
import type { NodeId } from '../sim/types';
import type { ElectionView } from './messages';
import { highestId } from './messages';

function leadersOf(cluster: ClusterView<ElectionView>): NodeId[] {
  const leaders: NodeId[] = [];
  for (const node of cluster.nodes.values()) if (node.isLeader) leaders.push(node.id);
  return leaders;
}

/**
 * At most one live node believes it is the leader, at every instant. Strict: Bully breaks it
 * for a moment when a higher node comes back (until its COORDINATOR arrives), and for as long
 * as a partition lasts.
 */
export function singleLeader(cluster: ClusterView<ElectionView>): CheckResult {
  const leaders = leadersOf(cluster);
  if (leaders.length > 1) return { message: `dos líderes a la vez: ${leaders.join(' y ')}`, nodes: leaders };
  return undefined;
}

/**
 * Split brain: two or more live nodes believe they lead for longer than `graceMs` in a row
 * (a moment's overlap while a COORDINATOR is in flight is normal; a partition's is not).
 */
export function splitBrain(graceMs = 200): CheckerFactory<unknown, ElectionView> {
  return checker<unknown, ElectionView>('splitBrain', () => {
    let sinceMs: number | undefined;
    let who: NodeId[] = [];
    return {
      onEvent(event, cluster) {
        const leaders = leadersOf(cluster);
        if (leaders.length < 2) {
          sinceMs = undefined;
          return undefined;
        }
        if (sinceMs === undefined) {
          sinceMs = event.timeMs;
          who = leaders;
        }
        if (event.timeMs - sinceMs > graceMs) return { message: `cerebro dividido: ${who.join(' y ')} se creen líderes desde t=${Math.round(sinceMs)} ms`, nodes: who };
        return undefined;
      },
      // A quiet network has no events: the split may last to the end of the run unseen.
      atEnd(cluster) {
        if (sinceMs === undefined || leadersOf(cluster).length < 2 || cluster.nowMs - sinceMs <= graceMs) return undefined;
        return { message: `cerebro dividido: ${who.join(' y ')} se creen líderes desde t=${Math.round(sinceMs)} ms`, nodes: who };
      },
    };
  });
}

/**
 * At the end of the run (`sim.finish()`), every live node's leader is the highest live node.
 * Meant for runs that end with a quiet stretch after the last fault.
 */
export const leaderAgreement: CheckerFactory<unknown, ElectionView> = checker<unknown, ElectionView>('leaderAgreement', () => ({
  atEnd(cluster) {
    const best = highestId([...cluster.nodes.keys()]);
    const wrong = [...cluster.nodes.values()].filter((n) => n.leader !== best);
    if (wrong.length === 0) return undefined;
    const detail = wrong.slice(0, 4).map((n) => `${n.id} cree en ${n.leader ?? 'nadie'}`).join(', ');
    return { message: `al final no todos siguen a ${best ?? '—'}, el mayor vivo: ${detail}`, nodes: wrong.map((n) => n.id) };
  },
}));
