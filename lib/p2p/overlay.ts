/**
 * The overlay a P2P chat builds from bootstrap lists: each peer, as it arrives, knows a few
 * of the peers already there (a tracker's or a config file's list, as BitTorrent and Gnutella
 * start), tells them `Join`, and the link becomes two-way. Plain functions over plain data.
 */
import type { Rng } from '../random/index';
import type { NodeId } from '../sim/types';

/**
 * Bootstrap lists for peers arriving in the order of `ids`: the first knows nobody, each next
 * one knows `contacts` distinct peers drawn from those before it (all of them if fewer).
 * The resulting overlay is connected.
 *
 * @example
 * bootstrapLists(['p1', 'p2', 'p3', 'p4'], { contacts: 2, rng: createRng(1) });
 * // Map { p1 → [], p2 → [p1], p3 → [p1, p2], p4 → [two of p1..p3] }
 */
export function bootstrapLists(ids: readonly NodeId[], options: { contacts: number; rng: Rng }): Map<NodeId, NodeId[]> {
  if (!Number.isInteger(options.contacts) || options.contacts < 1) throw new RangeError(`contacts debe ser un entero ≥ 1, es ${String(options.contacts)}`);
  if (new Set(ids).size !== ids.length) throw new RangeError('los ids de los pares no pueden repetirse');
  const lists = new Map<NodeId, NodeId[]>();
  ids.forEach((id, i) => {
    const earlier = ids.slice(0, i);
    lists.set(id, earlier.length <= options.contacts ? earlier : options.rng.sample(earlier, options.contacts).sort());
  });
  return lists;
}

/** The two-way adjacency of the overlay a set of bootstrap lists builds (sorted neighbour lists). */
export function overlayEdges(lists: ReadonlyMap<NodeId, readonly NodeId[]>): Map<NodeId, NodeId[]> {
  const adjacency = new Map<NodeId, Set<NodeId>>();
  const add = (a: NodeId, b: NodeId) => {
    if (!adjacency.has(a)) adjacency.set(a, new Set());
    adjacency.get(a)?.add(b);
  };
  for (const [id, known] of lists) {
    add(id, id);
    adjacency.get(id)?.delete(id);
    for (const other of known) {
      add(id, other);
      add(other, id);
    }
  }
  return new Map([...adjacency].map(([id, set]) => [id, [...set].sort()]));
}

/** True if the peers in `alive` form one connected piece of the overlay, using only links between live peers. */
export function isConnected(adjacency: ReadonlyMap<NodeId, readonly NodeId[]>, alive: ReadonlySet<NodeId>): boolean {
  const start = [...alive][0];
  if (start === undefined) return true;
  const reached = new Set([start]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    for (const next of adjacency.get(queue[head] as NodeId) ?? []) {
      if (alive.has(next) && !reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  return reached.size === alive.size;
}
