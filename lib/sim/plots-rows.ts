/**
 * The rows of a space-time diagram: cluster nodes on top, clients (ids outside the cluster)
 * below them in a shaded band.
 */
import type { TraceEvent } from './trace';
import type { NodeId } from './types';

/** Where each id is drawn. */
export interface DiagramRows {
  /** The ids drawn, top to bottom (nodes, then clients). */
  readonly shown: readonly NodeId[];
  /** The y coordinate of each drawn id. */
  readonly y: ReadonlyMap<NodeId, number>;
  /** The drawn ids that are clients. */
  readonly clients: ReadonlySet<NodeId>;
  /** Every id of the run, nodes then clients, filtered or not: the order of vector entries. */
  readonly all: readonly NodeId[];
}

/** Gap between the last node row and the first client row, in rows. */
const CLIENT_GAP = 0.4;

/**
 * Lays out the rows. Nodes: `nodeIds`, or else the ids with events of their own (boots,
 * timers, outputs, crashes) in order of first appearance, minus `clients`. Clients: `clients`,
 * or else every other id that sends or receives (e.g. `inject`'s `'client'`). `show` keeps only
 * some of them.
 */
export function diagramRows<M>(
  trace: readonly TraceEvent<M>[],
  options: { readonly nodeIds?: readonly NodeId[]; readonly clients?: readonly NodeId[]; readonly show?: readonly NodeId[] },
): DiagramRows {
  const clientSet = new Set(options.clients ?? []);
  let nodes: NodeId[];
  if (options.nodeIds !== undefined) nodes = options.nodeIds.filter((id) => !clientSet.has(id));
  else {
    const own = new Set<NodeId>();
    for (const e of trace) if ('node' in e && !clientSet.has(e.node)) own.add(e.node);
    nodes = [...own];
  }
  let clients: NodeId[];
  if (options.clients !== undefined) clients = [...clientSet];
  else {
    const known = new Set(nodes);
    const others = new Set<NodeId>();
    for (const e of trace) {
      if (e.kind !== 'send' && e.kind !== 'deliver' && e.kind !== 'drop') continue;
      if (!known.has(e.from)) others.add(e.from);
      if (!known.has(e.to)) others.add(e.to);
    }
    clients = [...others];
  }
  const visible = options.show === undefined ? undefined : new Set(options.show);
  const shownNodes = visible === undefined ? nodes : nodes.filter((id) => visible.has(id));
  const shownClients = visible === undefined ? clients : clients.filter((id) => visible.has(id));
  const y = new Map<NodeId, number>();
  shownClients.forEach((id, i) => y.set(id, shownClients.length - 1 - i));
  const base = shownClients.length === 0 ? 0 : shownClients.length + CLIENT_GAP;
  shownNodes.forEach((id, i) => y.set(id, base + shownNodes.length - 1 - i));
  return { shown: [...shownNodes, ...shownClients], y, clients: new Set(shownClients), all: [...nodes, ...clients] };
}

/**
 * The stretches during which each id was crashed (from a crash to its restart, or to `endMs`),
 * clipped to `[startMs, endMs]`, as `[from, to]` pairs in time order.
 */
export function downIntervals<M>(trace: readonly TraceEvent<M>[], startMs: number, endMs: number): Map<NodeId, [number, number][]> {
  const down = new Map<NodeId, number>();
  const out = new Map<NodeId, [number, number][]>();
  const close = (id: NodeId, toMs: number): void => {
    const from = Math.max(down.get(id) as number, startMs);
    const to = Math.min(toMs, endMs);
    down.delete(id);
    if (to > from) out.set(id, [...(out.get(id) ?? []), [from, to]]);
  };
  for (const e of trace) {
    if (e.timeMs > endMs) break;
    if (e.kind === 'crash' && !down.has(e.node)) down.set(e.node, e.timeMs);
    else if (e.kind === 'restart' && down.has(e.node)) close(e.node, e.timeMs);
  }
  for (const id of [...down.keys()]) close(id, endMs);
  return out;
}

/** The row height in pixels for a diagram of `rows` rows: roomy for a few, compact for many. */
export function rowHeightPx(rows: number): number {
  return rows <= 4 ? 110 : Math.max(60, 110 - 12 * (rows - 4));
}
