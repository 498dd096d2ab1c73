/**
 * Maekawa's quorums on a grid: lay the n nodes out row by row on a ⌈√n⌉-wide grid; a node's
 * quorum is its row plus its column. Any two quorums meet (the row of one crosses the column
 * of the other, and a short last row shares its row), so two nodes can never both collect
 * their whole quorum. Size about 2√n − 1; Maekawa's finite projective planes reach about √n.
 */
import type { NodeId } from '../sim/types';

/**
 * The grid quorum of every node, by id, in the order of `nodeIds`.
 *
 * @example
 * gridQuorums(['a', 'b', 'c', 'd']).get('a'); // ['a', 'b', 'c']: row {a, b} plus column {a, c}
 */
export function gridQuorums(nodeIds: readonly NodeId[]): Map<NodeId, NodeId[]> {
  const k = Math.ceil(Math.sqrt(nodeIds.length));
  const quorums = new Map<NodeId, NodeId[]>();
  nodeIds.forEach((id, i) => {
    const row = Math.floor(i / k);
    const col = i % k;
    quorums.set(id, nodeIds.filter((_, j) => Math.floor(j / k) === row || j % k === col));
  });
  return quorums;
}

/** True if every two quorums of the map share at least one node. */
export function quorumsIntersect(quorums: ReadonlyMap<NodeId, readonly NodeId[]>): boolean {
  const all = [...quorums.values()];
  return all.every((a) => all.every((b) => a.some((id) => b.includes(id))));
}
