/**
 * Three short scenarios of the quorum store for the chapter: read repair fixing a replica that
 * missed a write, hinted handoff keeping a write for a crashed owner, and a sloppy quorum under a
 * partition returning a stale read although R + W > N (what the overlap rule does not promise).
 */
import { latency } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { NodeId } from '../sim/types';
import type { QuorumMessage } from './messages';
import { preferenceList, quorumStore } from './quorum';
import type { QuorumNode, QuorumOptions } from './quorum';

/** What a replica holds for a key at some moment. */
export interface ReplicaSnapshot {
  readonly atMs: number;
  readonly moment: string;
  readonly values: Record<NodeId, string>;
}

function makeSim(seed: string, nodeIds: readonly NodeId[], options: QuorumOptions) {
  return new Simulation<QuorumMessage, QuorumNode>({ seed, nodeIds: [...nodeIds], createNode: quorumStore(options), network: { latency: latency.uniform(2, 6) } });
}

function snapshot(sim: Simulation<QuorumMessage, QuorumNode>, key: string, moment: string): ReplicaSnapshot {
  const values: Record<NodeId, string> = {};
  for (const id of sim.nodeIds) {
    const node = sim.node(id);
    if (node === undefined) {
      values[id] = 'caído';
      continue;
    }
    const hints = [...node.hints].filter(([, items]) => items.has(key)).map(([owner, items]) => `pista para ${owner}: ${items.get(key)?.value}`);
    values[id] = [node.store.get(key)?.value ?? '—', ...hints].join('; ');
  }
  return { atMs: Math.round(sim.nowMs), moment, values };
}

function reply(sim: Simulation<QuorumMessage, QuorumNode>, client: NodeId, requestId: string): unknown {
  const got = sim.received(client).find((d) => (d.message as { requestId?: string }).requestId === requestId);
  return got === undefined ? undefined : (got.message as { output?: unknown }).output;
}

/** Read repair: n3 misses a write during a partition; the first read after the heal repairs it. */
export function readRepairDemo(seed = 'lectura-reparadora'): { snapshots: ReplicaSnapshot[]; readResult: unknown } {
  const nodeIds = ['n1', 'n2', 'n3'];
  const sim = makeSim(seed, nodeIds, { n: 3, r: 2, w: 2, hintedHandoff: false });
  sim.partition(['n1', 'n2'], ['n3']);
  sim.inject('n1', { type: 'Request', requestId: 'w1', input: { f: 'write', key: 'x', value: 'v1' } }, { from: 'cliente' });
  sim.runFor(100);
  sim.heal();
  const snapshots = [snapshot(sim, 'x', 'tras escribir x=v1 con n3 aislado (W=2)')];
  sim.inject('n1', { type: 'Request', requestId: 'r1', input: { f: 'read', key: 'x' } }, { from: 'cliente' });
  sim.runFor(100);
  snapshots.push(snapshot(sim, 'x', 'tras una lectura (R=2) y su reparación'));
  return { snapshots, readResult: reply(sim, 'cliente', 'r1') };
}

/** Hinted handoff: an owner of x is down; the write goes to a spare node as a hint, handed over on restart. */
export function hintedHandoffDemo(seed = 'entrega-diferida'): { snapshots: ReplicaSnapshot[]; owners: NodeId[]; writeResult: unknown } {
  const nodeIds = ['n1', 'n2', 'n3', 'n4', 'n5'];
  const owners = preferenceList('x', nodeIds, 3);
  const down = owners[2] as NodeId;
  const sim = makeSim(seed, nodeIds, { n: 3, r: 2, w: 3 });
  sim.crash(down);
  sim.inject(owners[0] as NodeId, { type: 'Request', requestId: 'w1', input: { f: 'write', key: 'x', value: 'v1' } }, { from: 'cliente' });
  sim.runFor(150);
  const snapshots = [snapshot(sim, 'x', `escritura con W=3 y ${down} caído`)];
  sim.restart(down);
  sim.runFor(150);
  snapshots.push(snapshot(sim, 'x', `${down} vuelve: recibe la pista`));
  return { snapshots, owners, writeResult: reply(sim, 'cliente', 'w1') };
}

/**
 * A sloppy quorum under a partition: the writer's side holds one owner and the spare nodes, so
 * its W = 2 acks come from hints; a reader on the other side reads R = 2 owners and gets the old
 * value, although R + W > N.
 */
export function sloppyQuorumDemo(seed = 'quorum-laxo'): { owners: NodeId[]; writeResult: unknown; readResult: unknown; snapshots: ReplicaSnapshot[] } {
  const nodeIds = ['n1', 'n2', 'n3', 'n4', 'n5'];
  const owners = preferenceList('x', nodeIds, 3);
  const spares = nodeIds.filter((id) => !owners.includes(id));
  const sim = makeSim(seed, nodeIds, { n: 3, r: 2, w: 2, readRepair: false });
  // Everybody has x = v0 first.
  sim.inject(owners[0] as NodeId, { type: 'Request', requestId: 'w0', input: { f: 'write', key: 'x', value: 'v0' } }, { from: 'lector' });
  sim.runFor(100);
  sim.partition([owners[0] as NodeId, ...spares], [owners[1] as NodeId, owners[2] as NodeId]);
  sim.inject(owners[0] as NodeId, { type: 'Request', requestId: 'w1', input: { f: 'write', key: 'x', value: 'v1' } }, { from: 'escritor' });
  sim.runFor(100);
  sim.inject(owners[1] as NodeId, { type: 'Request', requestId: 'r1', input: { f: 'read', key: 'x' } }, { from: 'lector' });
  sim.runFor(100);
  const snapshots = [snapshot(sim, 'x', 'durante la partición')];
  return { owners, writeResult: reply(sim, 'escritor', 'w1'), readResult: reply(sim, 'lector', 'r1'), snapshots };
}
