/**
 * The lecture's Paxos under the explorer: every interleaving of two proposers (the sushi and
 * the pizza) and three acceptors, one ballot each, breadth-first. With the lecture's slips the
 * explorer returns the shortest run that decides two dinners; corrected, it returns a proof
 * that no run up to a depth does (or, unbounded, over the whole state space).
 */
import { explore } from '../explore/explore';
import type { ExploreOptions, ExploreResult } from '../explore/types';
import { paxosAgreement } from './checkers';
import type { PaxosMessage } from './messages';
import { paxos } from './single-decree';
import type { LectureSlips, PaxosNode } from './single-decree';

/** The configuration the explorer searches: p1 «Comamos sushi», p2 «Comamos pizza», a1–a3; one ballot per proposer (so no Nacks), no losses. */
export function sushiExploreOptions(lecture: boolean | LectureSlips = false, maxDepth?: number): ExploreOptions<PaxosMessage, PaxosNode> {
  const proposers = ['p1', 'p2'];
  const acceptors = ['a1', 'a2', 'a3'];
  return {
    nodeIds: [...proposers, ...acceptors],
    createNode: paxos({ proposers, acceptors, values: { p1: 'Comamos sushi', p2: 'Comamos pizza' }, lecture, rounds: 1, proposersLearn: false, nacks: false }),
    checkers: [paxosAgreement(acceptors.length)],
    faults: { drop: false },
    ...(maxDepth === undefined ? {} : { maxDepth }),
  };
}

/**
 * Explores the sushi configuration with the lecture's slips (`true`: both; or one of them)
 * or corrected (`false`), up to `maxDepth` steps (default: the explorer's 30).
 *
 * @example
 * exploreSushi(true).depth;          // 10: an acceptor's "valor definitivo" is overwritten by a later ballot
 * exploreSushi({ ignoreReported: true }).depth; // 12: two values each chosen by a majority
 * exploreSushi(false, 14).verdict;   // 'safe' up to 14 steps
 */
export function exploreSushi(lecture: boolean | LectureSlips, maxDepth?: number): ExploreResult<PaxosMessage> {
  return explore(sushiExploreOptions(lecture, maxDepth));
}
