/**
 * The cluster's shape: DataNodes on racks (HDFS's topology script) and files split into
 * fixed-size blocks.
 */
import type { NodeId } from '../sim/types';

/** DataNodes and the rack of each. */
export interface RackTopology {
  /** Every DataNode, rack by rack (`d1`… in rack `r1`, then `r2`…). */
  readonly dataNodes: readonly NodeId[];
  /** The rack of each DataNode. */
  readonly rackOf: ReadonlyMap<NodeId, string>;
  /** The racks, in order. */
  readonly racks: readonly string[];
}

/**
 * A topology of `racks` racks with `nodesPerRack` DataNodes each: `d1…dK` on `r1`, and so on.
 *
 * @example
 * rackTopology({ racks: 3, nodesPerRack: 4 }).rackOf.get('d5'); // 'r2'
 */
export function rackTopology({ racks, nodesPerRack }: { racks: number; nodesPerRack: number }): RackTopology {
  if (!Number.isInteger(racks) || racks < 1 || !Number.isInteger(nodesPerRack) || nodesPerRack < 1) {
    throw new RangeError(`racks y nodesPerRack deben ser enteros ≥ 1 (racks=${racks}, nodesPerRack=${nodesPerRack})`);
  }
  const rackOf = new Map<NodeId, string>();
  const rackIds: string[] = [];
  for (let r = 1; r <= racks; r++) {
    rackIds.push(`r${r}`);
    for (let k = 1; k <= nodesPerRack; k++) rackOf.set(`d${(r - 1) * nodesPerRack + k}`, `r${r}`);
  }
  return { dataNodes: [...rackOf.keys()], rackOf, racks: rackIds };
}

/** One file of the namespace: its name, size, the DataNode that wrote it (or a client outside) and its blocks. */
export interface DfsFile {
  readonly name: string;
  readonly sizeBytes: number;
  /** The DataNode the writer runs on, or `null` for a client outside the cluster. */
  readonly writer: NodeId | null;
  readonly blocks: readonly string[];
}

/**
 * How many blocks a file of `sizeBytes` takes: ⌈size / blockSize⌉ (the last one may be short;
 * an empty file has no blocks, like in HDFS).
 *
 * @example
 * blockCount(2_500_000, 1_048_576); // 3
 */
export function blockCount(sizeBytes: number, blockSizeBytes: number): number {
  if (!Number.isFinite(sizeBytes) || sizeBytes < 0) throw new RangeError(`el tamaño del archivo debe ser ≥ 0 (es ${sizeBytes})`);
  if (!Number.isFinite(blockSizeBytes) || blockSizeBytes <= 0) throw new RangeError(`el tamaño de bloque debe ser > 0 (es ${blockSizeBytes})`);
  return Math.ceil(sizeBytes / blockSizeBytes);
}

/** Block ids for a list of files, numbered across the namespace (`blk_0001`…). */
export function splitIntoBlocks(files: readonly { name: string; sizeBytes: number; writer: NodeId | null }[], blockSizeBytes: number): DfsFile[] {
  let next = 1;
  const names = new Set<string>();
  return files.map((f) => {
    if (names.has(f.name)) throw new RangeError(`archivo repetido: ${f.name}`);
    names.add(f.name);
    const blocks = Array.from({ length: blockCount(f.sizeBytes, blockSizeBytes) }, () => `blk_${String(next++).padStart(4, '0')}`);
    return { name: f.name, sizeBytes: f.sizeBytes, writer: f.writer, blocks };
  });
}
