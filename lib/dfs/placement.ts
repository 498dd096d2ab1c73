/**
 * Where replicas go: HDFS's default block placement (BlockPlacementPolicyDefault), the
 * rack-unaware and lecture-style variants the sweep must catch, and the loop that picks
 * several targets with a seeded random order of candidates.
 */
import type { Rng } from '../random/index';
import type { NodeId } from '../sim/types';

/**
 * One placement decision: the next target for a block, given the rack of every DataNode,
 * the replicas chosen so far, the writer and the eligible candidates in a random order.
 * Exercise 10.2 (`chooseReplicaTarget`) has this shape.
 */
export type PlacementChoice = (rackOf: ReadonlyMap<NodeId, string>, chosen: readonly NodeId[], writer: NodeId | null, candidates: readonly NodeId[]) => NodeId | null;

/** The placement policies the cluster knows: HDFS's, and two catalogued bugs. */
export type PlacementPolicy = 'hdfs' | 'rackUnaware' | 'firstNodes';

function firstOnRack(rackOf: ReadonlyMap<NodeId, string>, candidates: readonly NodeId[], rack: string | undefined, same: boolean): NodeId | undefined {
  return candidates.find((c) => (rackOf.get(c) === rack) === same);
}

/**
 * HDFS's default placement, one replica at a time (chooseTargetInOrder): the first replica on
 * the writer's node (else its rack, else anywhere); the second on another rack; the third on
 * the second's rack (or on another rack if the first two share one); more replicas anywhere.
 * "Anywhere" is the first candidate: the caller shuffles them with the seed.
 *
 * @example
 * hdfsPlacementChoice(new Map([['d1', 'r1'], ['d2', 'r1'], ['d3', 'r2'], ['d4', 'r2']]), ['d1'], 'd1', ['d2', 'd4', 'd3']); // 'd4'
 */
export const hdfsPlacementChoice: PlacementChoice = (rackOf, chosen, writer, candidates) => {
  if (candidates.length === 0) return null;
  const fallback = candidates[0] as NodeId;
  if (chosen.length === 0) {
    if (writer !== null && candidates.includes(writer)) return writer;
    if (writer !== null && rackOf.has(writer)) return firstOnRack(rackOf, candidates, rackOf.get(writer), true) ?? fallback;
    return fallback;
  }
  const rack0 = rackOf.get(chosen[0] as NodeId);
  if (chosen.length === 1) return firstOnRack(rackOf, candidates, rack0, false) ?? fallback;
  if (chosen.length === 2) {
    const rack1 = rackOf.get(chosen[1] as NodeId);
    if (rack0 === rack1) return firstOnRack(rackOf, candidates, rack0, false) ?? fallback;
    return firstOnRack(rackOf, candidates, rack1, true) ?? fallback;
  }
  return fallback;
};

/** A catalogued bug: ignore racks (replicas on random distinct nodes); a rack failure can take all three. */
export const rackUnawareChoice: PlacementChoice = (_rackOf, _chosen, _writer, candidates) => candidates[0] ?? null;

/**
 * The lecture's `store_file`, as a policy: always the first DataNodes of the cluster (in the
 * topology's order) that are still candidates, whatever the writer and the racks.
 */
export function firstNodesChoice(order: readonly NodeId[]): PlacementChoice {
  return (_rackOf, _chosen, _writer, candidates) => order.find((id) => candidates.includes(id)) ?? null;
}

/** The policy's decision function (`firstNodes` needs the DataNodes' order). */
export function placementChoice(policy: PlacementPolicy, order: readonly NodeId[]): PlacementChoice {
  if (policy === 'hdfs') return hdfsPlacementChoice;
  if (policy === 'rackUnaware') return rackUnawareChoice;
  if (policy === 'firstNodes') return firstNodesChoice(order);
  throw new RangeError(`política de colocación desconocida: ${String(policy)}`);
}

/** Arguments of {@link chooseTargets}. */
export interface ChooseTargetsOptions {
  readonly choose: PlacementChoice;
  readonly rackOf: ReadonlyMap<NodeId, string>;
  /** Replicas that exist already (re-replication) or none (a new block). */
  readonly chosen: readonly NodeId[];
  /** The writer of a new block; for re-replication, the source DataNode. */
  readonly writer: NodeId | null;
  /** Live DataNodes that may take a replica (those in `chosen` are left out). */
  readonly eligible: readonly NodeId[];
  /** How many new targets to pick. */
  readonly count: number;
  readonly rng: Rng;
  /**
   * Re-replication: keep this node (the source) last in `chosen`, as HDFS treats the source as
   * the writer (its rack gets the third replica when the other two are on different racks).
   */
  readonly keepLast?: NodeId;
}

/**
 * Picks up to `count` new targets one at a time with `choose`, over the eligible nodes in a
 * seeded random order (HDFS's `chooseRandom`). Stops early when `choose` returns `null`; a
 * choice that is not a candidate throws a clear error.
 *
 * @example
 * chooseTargets({ choose: hdfsPlacementChoice, rackOf, chosen: [], writer: 'd1', eligible: dataNodes, count: 3, rng });
 */
export function chooseTargets(options: ChooseTargetsOptions): NodeId[] {
  const { choose, rackOf, writer, count, rng, keepLast } = options;
  const taken = new Set(options.chosen);
  let candidates = rng.shuffle(options.eligible.filter((id) => !taken.has(id)));
  const chosen = [...options.chosen];
  if (keepLast !== undefined && chosen.includes(keepLast)) chosen.splice(chosen.indexOf(keepLast), 1), chosen.push(keepLast);
  const picked: NodeId[] = [];
  for (let i = 0; i < count && candidates.length > 0; i++) {
    const target = choose(rackOf, [...chosen], writer, [...candidates]);
    if (target === null || target === undefined) break;
    if (!candidates.includes(target)) throw new Error(`la colocación eligió ${String(target)}, que no está entre los candidatos [${candidates.join(', ')}]`);
    picked.push(target);
    if (keepLast !== undefined && chosen[chosen.length - 1] === keepLast) chosen.splice(chosen.length - 1, 0, target);
    else chosen.push(target);
    candidates = candidates.filter((c) => c !== target);
  }
  return picked;
}

/** The racks a set of replicas spans. */
export function racksOf(rackOf: ReadonlyMap<NodeId, string>, nodes: Iterable<NodeId>): Set<string> {
  const racks = new Set<string>();
  for (const n of nodes) {
    const r = rackOf.get(n);
    if (r !== undefined) racks.add(r);
  }
  return racks;
}
