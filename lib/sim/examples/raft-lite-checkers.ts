/**
 * Raft's safety properties (Ongaro & Ousterhout, Figure 3) as incremental run-level checkers
 * for {@link RaftLiteNode}: each event costs O(1) per property (a node's log is rescanned only
 * from the first entry that changed), never an all-pairs rescan of every log.
 */
import { checker } from '../checkers';
import type { CheckerFactory, CheckResult, ClusterView } from '../checkers';
import type { TraceEvent } from '../trace';
import type { NodeId } from '../types';
import type { RaftLiteApply, RaftLiteEntry, RaftLiteMessage, RaftLiteNode } from './raft-lite';

type View = ClusterView<RaftLiteNode>;

/**
 * The node whose state an event may have changed (`undefined`: none, or a network-wide event).
 * Run-level checkers see each event after its whole step, so a delivery or a timer covers the
 * sends and outputs of the same step.
 */
function touched(event: TraceEvent<RaftLiteMessage>): NodeId | undefined {
  switch (event.kind) {
    case 'deliver':
      return event.to;
    case 'timer':
    case 'output':
    case 'start':
    case 'restart':
      return event.node;
    default:
      return undefined;
  }
}

/**
 * Runs `check` on the node an event touched, or on every live node when called without an
 * event (a plain checker, which sees only the cluster).
 */
function eachTouched(event: TraceEvent<RaftLiteMessage> | undefined, cluster: View, check: (node: RaftLiteNode) => CheckResult): CheckResult {
  if (event !== undefined) {
    const id = touched(event);
    const node = id === undefined ? undefined : cluster.nodes.get(id);
    return node === undefined ? undefined : check(node);
  }
  for (const node of cluster.nodes.values()) {
    const result = check(node);
    if (result) return result;
  }
  return undefined;
}

/** Reads the `apply` outputs added since the last call (a cursor into `cluster.outputs`). */
function newApplies(): (cluster: View, each: (apply: RaftLiteApply, node: NodeId) => CheckResult) => CheckResult {
  let cursor = 0;
  return (cluster, each) => {
    const outputs = cluster.outputs;
    for (; cursor < outputs.length; ) {
      const record = outputs[cursor++];
      if (record === undefined || record.label !== 'apply') continue;
      const result = each(record.data as RaftLiteApply, record.node);
      if (result) return result;
    }
    return undefined;
  };
}

/** Election Safety (§5.2): at most one leader per term (two at once in different terms are legal). */
export const electionSafety: CheckerFactory<RaftLiteMessage, RaftLiteNode> = checker('electionSafety', () => {
  const leaderOf = new Map<number, NodeId>();
  const check = (node: RaftLiteNode): CheckResult => {
    if (node.role !== 'leader') return undefined;
    const other = leaderOf.get(node.currentTerm);
    if (other === undefined) leaderOf.set(node.currentTerm, node.id);
    else if (other !== node.id) return { message: `dos líderes en el término ${node.currentTerm}: ${other} y ${node.id}`, nodes: [other, node.id] };
    return undefined;
  };
  return { onEvent: (event, cluster) => eachTouched(event, cluster, check) };
});

/**
 * Log Matching (§5.3): two logs with an entry of the same index and term are identical up to
 * that index. Each entry gets a hash of its whole prefix; the first (index, term) seen fixes it,
 * so logs are compared with every log that ever existed, not only those of the moment — as
 * strong, and true of Raft: a term's only leader creates one entry per index and never rewrites
 * its own prefix. A crashed node's durable log is checked too.
 */
export const logMatching: CheckerFactory<RaftLiteMessage, RaftLiteNode> = checker('logMatching', () => {
  const seen = new Map<NodeId, { entries: RaftLiteEntry[]; hashes: number[] }>();
  const prefixOf = new Map<string, { hash: number; node: NodeId }>();
  const check = (node: { readonly id: NodeId; readonly log: readonly RaftLiteEntry[] }): CheckResult => {
    let mine = seen.get(node.id);
    if (mine === undefined) seen.set(node.id, (mine = { entries: [], hashes: [] }));
    const log = node.log;
    // Entries are immutable objects: the changed suffix starts after the last one still in place.
    let first = Math.min(log.length, mine.entries.length);
    while (first > 0 && log[first - 1] !== mine.entries[first - 1]) first--;
    if (first === log.length && first === mine.entries.length) return undefined;
    mine.entries.length = first;
    mine.hashes.length = first;
    for (let i = first; i < log.length; i++) {
      const entry = log[i] as RaftLiteEntry;
      const hash = hashEntry(i === 0 ? 0 : (mine.hashes[i - 1] as number), entry);
      mine.entries.push(entry);
      mine.hashes.push(hash);
      const key = `${i + 1}/${entry.term}`;
      const before = prefixOf.get(key);
      if (before === undefined) prefixOf.set(key, { hash, node: node.id });
      else if (before.hash !== hash) {
        return { message: `${before.node} y ${node.id} tienen la entrada ${i + 1} del término ${entry.term} con logs distintos hasta ahí`, nodes: [before.node, node.id] };
      }
    }
    return undefined;
  };
  return {
    onEvent: (event, cluster) => {
      // A crashed node's log is its disk: what it will restart with (less than it had, with fsync durability).
      if (event !== undefined && event.kind === 'crash') return check({ id: event.node, log: cluster.durable(event.node).readLog<RaftLiteEntry>('log') });
      return eachTouched(event, cluster, check);
    },
  };
});

/** State Machine Safety (§5.4.3): no two nodes apply different entries at the same index (crashed nodes' applies count). */
export const stateMachineSafety: CheckerFactory<RaftLiteMessage, RaftLiteNode> = checker('stateMachineSafety', () => {
  const applied = new Map<number, { entry: RaftLiteApply; node: NodeId }>();
  const read = newApplies();
  const each = (apply: RaftLiteApply, node: NodeId): CheckResult => {
    const before = applied.get(apply.index);
    if (before === undefined) applied.set(apply.index, { entry: apply, node });
    else if (before.entry.command !== apply.command || before.entry.term !== apply.term) {
      return {
        message: `índice ${apply.index}: ${before.node} aplicó ${before.entry.command} (término ${before.entry.term}) y ${node} aplicó ${apply.command} (término ${apply.term})`,
        nodes: [before.node, node],
      };
    }
    return undefined;
  };
  return { onEvent: (_event, cluster) => read(cluster, each) };
});

/**
 * Leader Completeness (§5.4): an entry committed in term T is in the log of every leader of a
 * term after T. An applied entry was committed in its applier's `atTerm` or earlier; each new
 * leader is checked once, against the entries known committed before its term.
 */
export const leaderCompleteness: CheckerFactory<RaftLiteMessage, RaftLiteNode> = checker('leaderCompleteness', () => {
  const committed = new Map<number, { entry: RaftLiteApply; node: NodeId }>();
  const checkedTerms = new Set<number>();
  const read = newApplies();
  const remember = (apply: RaftLiteApply, node: NodeId): CheckResult => {
    const before = committed.get(apply.index);
    if (before === undefined || apply.atTerm < before.entry.atTerm) committed.set(apply.index, { entry: apply, node });
    return undefined;
  };
  const check = (leader: RaftLiteNode): CheckResult => {
    if (leader.role !== 'leader' || checkedTerms.has(leader.currentTerm)) return undefined;
    checkedTerms.add(leader.currentTerm);
    for (const [index, { entry, node }] of committed) {
      if (entry.atTerm >= leader.currentTerm) continue;
      const mine = leader.log[index - 1];
      if (mine === undefined || mine.term !== entry.term || mine.command !== entry.command) {
        return {
          message: `${leader.id}, líder del término ${leader.currentTerm}, no tiene la entrada ${index} (${entry.command}, término ${entry.term}) que ${node} aplicó en el término ${entry.atTerm}`,
          nodes: [leader.id, node],
        };
      }
    }
    return undefined;
  };
  return { onEvent: (event, cluster) => read(cluster, remember) || eachTouched(event, cluster, check) };
});

/**
 * Fresh instances of the four Raft-lite checkers, for one run.
 *
 * @example
 * new Simulation({ seed, nodeIds, createNode: raftLite(), checkers: raftLiteCheckers() });
 */
export function raftLiteCheckers(): CheckerFactory<RaftLiteMessage, RaftLiteNode>[] {
  return [electionSafety, logMatching, stateMachineSafety, leaderCompleteness];
}

/** FNV-1a over the previous prefix hash, the term and the command. */
function hashEntry(previous: number, entry: RaftLiteEntry): number {
  let h = (previous ^ 0x811c9dc5) >>> 0;
  h = Math.imul(h ^ entry.term, 0x01000193) >>> 0;
  const command = entry.command;
  for (let i = 0; i < command.length; i++) h = Math.imul(h ^ command.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
