/**
 * The NameNode: the namespace (files → blocks), where each block's replicas are, which
 * DataNodes are alive (heartbeats, the 10.5-min dead-node timeout checked every recheck
 * interval), and the replication monitor that schedules copies of under-replicated blocks
 * in HDFS's priority order (single replica first), at most `live · 2` blocks per round and
 * `maxStreams` copies per source DataNode. Blocks with all their replicas on one rack
 * (`badlyDistributed`) get one more copy on another rack; the excess replica HDFS then
 * deletes is kept (over-replication cleanup is not modelled).
 */
import type { Rng } from '../random/index';
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/types';
import { output, send, setTimer } from '../sim/types';
import type { HdfsConfig, RedundancyPriority } from './config';
import { deadNodeTimeoutMs, PRIORITY_ORDER, redundancyPriority } from './config';
import type { DfsMessage, TransferCommand } from './messages';
import { parseDfsMessage } from './messages';
import type { PlacementChoice } from './placement';
import { chooseTargets, hdfsPlacementChoice, racksOf } from './placement';
import type { DfsFile } from './topology';

/** What the NameNode knows of one DataNode (DatanodeDescriptor). */
export interface DatanodeDescriptor {
  readonly rack: string;
  lastHeartbeatMs: number;
  alive: boolean;
  /** True once its block report arrived since it (re)registered. */
  reported: boolean;
  xmitsInProgress: number;
}

/** Options of {@link NameNode}. */
export interface NameNodeOptions {
  readonly config: HdfsConfig;
  readonly rackOf: ReadonlyMap<NodeId, string>;
  /** The namespace (written before the run). */
  readonly files: readonly DfsFile[];
  /** The placement decision for re-replication (default HDFS's; exercise 10.2's cells pass the student's). */
  readonly chooseTarget?: PlacementChoice;
  /** `'fifo'`: serve under-replicated blocks by id, ignoring HDFS's priorities (for comparison). */
  readonly priorityOrder?: 'hdfs' | 'fifo';
  /** A catalogued bug: keep a dead DataNode's replicas in the block map, so nothing is re-replicated. */
  readonly keepDeadReplicas?: boolean;
  /**
   * Whether the placement policy checks racks (its `verifyBlockPlacement`; default true): only
   * then are blocks on a single rack `badlyDistributed` and copied to another rack. The
   * rack-blind catalogued policies (`rackUnaware`, `firstNodes`) pass false.
   */
  readonly checkRacks?: boolean;
}

/** A copy the replication monitor scheduled. */
export interface ScheduledCopy {
  readonly timeMs: number;
  readonly block: string;
  readonly priority: RedundancyPriority;
  readonly source: NodeId;
  readonly targets: readonly NodeId[];
}

/** The NameNode as a protocol node (id {@link NAMENODE_ID} in the clusters of this folder). */
export class NameNode implements ProtocolNode<DfsMessage> {
  readonly id: NodeId;
  /** Replicas of each block as the NameNode believes (the "blocks map"). */
  readonly replicas = new Map<string, Set<NodeId>>();
  readonly datanodes = new Map<NodeId, DatanodeDescriptor>();
  /** Scheduled copies not yet confirmed (pendingReconstruction). */
  readonly pending = new Map<string, { targets: NodeId[]; sinceMs: number }>();
  /** Every copy scheduled so far, in order. */
  readonly scheduled: ScheduledCopy[] = [];
  private readonly queued = new Map<NodeId, TransferCommand[]>();
  private readonly blocksOf = new Map<NodeId, Set<string>>();
  private readonly rng: Rng;
  private readonly choose: PlacementChoice;
  // The last scan found nothing to do and no replica was lost since: skip the next scan.
  private idle = false;

  constructor(context: NodeContext, private readonly options: NameNodeOptions) {
    this.id = context.id;
    this.rng = context.rng;
    this.choose = options.chooseTarget ?? hdfsPlacementChoice;
    for (const f of options.files) for (const b of f.blocks) this.replicas.set(b, new Set());
    for (const [dn, rack] of options.rackOf) {
      this.datanodes.set(dn, { rack, lastHeartbeatMs: 0, alive: false, reported: false, xmitsInProgress: 0 });
      this.blocksOf.set(dn, new Set());
    }
  }

  start(nowMs: number): Effect<DfsMessage>[] {
    for (const d of this.datanodes.values()) d.lastHeartbeatMs = nowMs;
    return [setTimer('heartbeatCheck', this.options.config.recheckIntervalMs), setTimer('replicationMonitor', this.options.config.replicationIntervalMs)];
  }

  step(input: Input<DfsMessage>, nowMs: number): Effect<DfsMessage>[] {
    if (input.type === 'timer') {
      if (input.name === 'heartbeatCheck') return [...this.heartbeatCheck(nowMs), setTimer('heartbeatCheck', this.options.config.recheckIntervalMs)];
      if (input.name === 'replicationMonitor') return [...this.computeReplicationWork(nowMs), setTimer('replicationMonitor', this.options.config.replicationIntervalMs)];
      return [];
    }
    const descriptor = this.datanodes.get(input.from);
    if (descriptor === undefined) return [output('rejected', { from: input.from, reason: `${input.from} no es un DataNode de este clúster` })];
    const m = parseDfsMessage(input.message);
    if (typeof m === 'string') return [output('rejected', { from: input.from, reason: m })];
    switch (m.type) {
      case 'Heartbeat': {
        descriptor.lastHeartbeatMs = nowMs;
        descriptor.xmitsInProgress = m.xmitsInProgress;
        if (!descriptor.alive || !descriptor.reported) return [send(input.from, { type: 'HeartbeatReply', commands: [], reRegister: true })];
        const commands = this.queued.get(input.from) ?? [];
        this.queued.delete(input.from);
        return [send(input.from, { type: 'HeartbeatReply', commands, reRegister: false })];
      }
      case 'BlockReport':
        return this.onBlockReport(input.from, descriptor, m.blocks, nowMs);
      case 'BlockReceived': {
        if (!this.replicas.has(m.block)) return [output('rejected', { from: input.from, reason: `bloque desconocido ${m.block}` })];
        if (descriptor.alive) this.addReplica(m.block, input.from);
        const p = this.pending.get(m.block);
        if (p !== undefined) {
          p.targets = p.targets.filter((t) => t !== input.from);
          if (p.targets.length === 0) this.pending.delete(m.block);
        }
        return [];
      }
      default:
        return [output('rejected', { from: input.from, reason: `el NameNode no recibe ${m.type}` })];
    }
  }

  /** Under-replicated blocks by priority, as the NameNode sees them now. */
  underReplicatedByPriority(): Record<RedundancyPriority, number> {
    const counts: Record<RedundancyPriority, number> = { highest: 0, veryLow: 0, low: 0, badlyDistributed: 0, corrupt: 0 };
    const liveRacks = this.liveRacks();
    for (const block of this.replicas.keys()) {
      const p = this.priorityOf(block, liveRacks);
      if (p !== undefined) counts[p]++;
    }
    return counts;
  }

  /** The priority of a block now (`undefined` when it is fully replicated). */
  priorityOf(block: string, liveRacks = this.liveRacks()): RedundancyPriority | undefined {
    const holders = this.liveHolders(block);
    const racksAvailable = this.options.checkRacks === false ? 1 : liveRacks;
    return redundancyPriority(holders.length, this.options.config.replication, racksOf(this.options.rackOf, holders).size, racksAvailable);
  }

  private liveRacks(): number {
    const racks = new Set<string>();
    for (const d of this.datanodes.values()) if (d.alive) racks.add(d.rack);
    return racks.size;
  }

  private addReplica(block: string, dn: NodeId): void {
    this.replicas.get(block)?.add(dn);
    this.blocksOf.get(dn)?.add(block);
  }

  private onBlockReport(dn: NodeId, descriptor: DatanodeDescriptor, blocks: readonly string[], nowMs: number): Effect<DfsMessage>[] {
    descriptor.alive = true;
    descriptor.reported = true;
    this.idle = false;
    descriptor.lastHeartbeatMs = nowMs;
    // A full report replaces what the NameNode believed about this node.
    for (const b of this.blocksOf.get(dn) ?? []) this.replicas.get(b)?.delete(dn);
    this.blocksOf.set(dn, new Set());
    const unknown = blocks.filter((b) => !this.replicas.has(b));
    for (const b of blocks) if (this.replicas.has(b)) this.addReplica(b, dn);
    return unknown.length > 0 ? [output('rejected', { from: dn, reason: `${unknown.length} bloques desconocidos en el informe (${unknown.slice(0, 3).join(', ')}…)` })] : [];
  }

  // HeartbeatManager.heartbeatCheck: every DataNode silent for longer than the timeout is dead.
  private heartbeatCheck(nowMs: number): Effect<DfsMessage>[] {
    const timeoutMs = deadNodeTimeoutMs(this.options.config);
    const effects: Effect<DfsMessage>[] = [];
    for (const [dn, d] of this.datanodes) {
      if (!d.alive || nowMs - d.lastHeartbeatMs <= timeoutMs) continue;
      d.alive = false;
      d.reported = false;
      this.idle = false;
      this.queued.delete(dn);
      if (!this.options.keepDeadReplicas) {
        for (const b of this.blocksOf.get(dn) ?? []) this.replicas.get(b)?.delete(dn);
        this.blocksOf.set(dn, new Set());
      }
      for (const [b, p] of this.pending) {
        p.targets = p.targets.filter((t) => t !== dn);
        if (p.targets.length === 0) this.pending.delete(b);
      }
      effects.push(output('datanodeDead', { node: dn, lastHeartbeatMs: d.lastHeartbeatMs }));
    }
    return effects;
  }

  private streams(dn: NodeId): number {
    let queued = 0;
    for (const c of this.queued.get(dn) ?? []) queued += c.targets.length;
    return (this.datanodes.get(dn)?.xmitsInProgress ?? 0) + queued;
  }

  // BlockManager.computeReconstructionWork: the neediest blocks first, within the round's budget.
  private computeReplicationWork(nowMs: number): Effect<DfsMessage>[] {
    const config = this.options.config;
    for (const [b, p] of this.pending) if (nowMs - p.sinceMs > config.pendingTimeoutMs) this.pending.delete(b), this.idle = false;
    if (this.idle) return [];
    const liveRacks = this.liveRacks();
    const live = [...this.datanodes].filter(([, d]) => d.alive && d.reported).map(([id]) => id);
    let budget = live.length * config.workMultiplier;
    const needy: { block: string; priority: RedundancyPriority; rank: number }[] = [];
    for (const block of this.replicas.keys()) {
      const priority = this.priorityOf(block, liveRacks);
      if (priority === undefined || priority === 'corrupt') continue;
      const holders = this.liveHolders(block);
      const inFlight = this.pending.get(block)?.targets.length ?? 0;
      if (priority === 'badlyDistributed' ? inFlight > 0 : holders.length + inFlight >= config.replication) continue;
      needy.push({ block, priority, rank: this.options.priorityOrder === 'fifo' ? 0 : PRIORITY_ORDER.indexOf(priority) });
    }
    this.idle = needy.length === 0;
    needy.sort((a, b) => a.rank - b.rank || (a.block < b.block ? -1 : a.block > b.block ? 1 : 0));
    const effects: Effect<DfsMessage>[] = [];
    for (const { block, priority } of needy) {
      if (budget <= 0) break;
      budget--;
      const holders = this.liveHolders(block);
      const limit = priority === 'highest' ? config.maxStreamsHardLimit : config.maxStreams;
      const sources = holders.filter((h) => this.datanodes.get(h)?.alive && this.streams(h) < limit);
      if (sources.length === 0) continue;
      const source = this.rng.choice(sources);
      const pendingTargets = this.pending.get(block)?.targets ?? [];
      const taken = new Set([...(this.replicas.get(block) ?? []), ...pendingTargets]);
      // Enough replicas on one rack: one copy "needed on a new rack" (HDFS's maxNodesPerRack
      // leaves the full rack out of the choice); otherwise the missing replicas.
      const misplaced = priority === 'badlyDistributed';
      const holderRacks = racksOf(this.options.rackOf, holders);
      const eligible = live.filter((id) => !taken.has(id) && !(misplaced && holderRacks.has(this.options.rackOf.get(id) ?? '')));
      const need = misplaced ? 1 : config.replication - holders.length - pendingTargets.length;
      const targets = chooseTargets({
        choose: this.choose, rackOf: this.options.rackOf, chosen: [...holders, ...pendingTargets], writer: source,
        eligible, count: need, rng: this.rng, keepLast: source,
      });
      if (targets.length === 0) continue;
      const queue = this.queued.get(source) ?? [];
      queue.push({ block, targets });
      this.queued.set(source, queue);
      this.pending.set(block, { targets: [...pendingTargets, ...targets], sinceMs: nowMs });
      this.scheduled.push({ timeMs: nowMs, block, priority, source, targets });
      effects.push(output('replicationScheduled', { block, priority, source, targets }));
    }
    return effects;
  }

  private liveHolders(block: string): NodeId[] {
    return [...(this.replicas.get(block) ?? [])].filter((n) => this.options.keepDeadReplicas || this.datanodes.get(n)?.alive);
  }
}
