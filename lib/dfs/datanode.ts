/**
 * A DataNode: keeps blocks on its disk (the simulator's durable store, so they survive a
 * crash), heartbeats the NameNode every 3 s, reports its blocks when it starts or is asked,
 * and copies blocks to other DataNodes when a heartbeat reply tells it to.
 */
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/types';
import { output, send, setTimer } from '../sim/types';
import type { HdfsConfig } from './config';
import type { DfsMessage } from './messages';
import { parseDfsMessage } from './messages';

/** The NameNode's id in every simulated cluster. */
export const NAMENODE_ID = 'nn';

const BLOCKS_KEY = 'blocks';
const TRANSFER_PREFIX = 'transfer ';

/** Options of {@link DataNode}. */
export interface DataNodeOptions {
  readonly config: HdfsConfig;
  /** The blocks on its disk at first boot (the files were written before the run). */
  readonly initialBlocks?: readonly string[];
}

/** A DataNode as a protocol node. */
export class DataNode implements ProtocolNode<DfsMessage> {
  readonly id: NodeId;
  /** The blocks on this node's disk (persistent: the durable store). */
  readonly blocks: Set<string>;
  /** Copies scheduled and not yet sent (volatile). */
  xmitsInProgress = 0;
  private readonly durable: NodeContext['durable'];

  constructor(context: NodeContext, private readonly options: DataNodeOptions) {
    this.id = context.id;
    this.durable = context.durable;
    const saved = context.durable.get<string[]>(BLOCKS_KEY);
    if (saved === undefined) context.durable.set(BLOCKS_KEY, [...(options.initialBlocks ?? [])]);
    this.blocks = new Set(context.durable.get<string[]>(BLOCKS_KEY) ?? []);
    this.firstHeartbeatMs = Math.floor(context.rng.uniform(0, options.config.heartbeatIntervalMs));
  }

  private readonly firstHeartbeatMs: number;

  start(): Effect<DfsMessage>[] {
    return [send(NAMENODE_ID, this.report()), setTimer('heartbeat', this.firstHeartbeatMs)];
  }

  step(input: Input<DfsMessage>): Effect<DfsMessage>[] {
    if (input.type === 'timer') return this.onTimer(input.name);
    const parsed = parseDfsMessage(input.message);
    if (typeof parsed === 'string') return [output('rejected', { from: input.from, reason: parsed })];
    switch (parsed.type) {
      case 'HeartbeatReply':
        return this.onHeartbeatReply(parsed);
      case 'TransferBlock':
        return this.onTransferBlock(input.from, parsed);
      default:
        return [output('rejected', { from: input.from, reason: `un DataNode no recibe ${parsed.type}` })];
    }
  }

  private onTimer(name: string): Effect<DfsMessage>[] {
    if (name === 'heartbeat') {
      return [send(NAMENODE_ID, { type: 'Heartbeat', xmitsInProgress: this.xmitsInProgress }), setTimer('heartbeat', this.options.config.heartbeatIntervalMs)];
    }
    if (name.startsWith(TRANSFER_PREFIX)) {
      const [block = '', target = ''] = name.slice(TRANSFER_PREFIX.length).split(' ');
      this.xmitsInProgress = Math.max(0, this.xmitsInProgress - 1);
      if (!this.blocks.has(block)) return [];
      return [send(target, { type: 'TransferBlock', block, sizeBytes: this.options.config.blockSizeBytes })];
    }
    return [];
  }

  // DNA_TRANSFER: copy each block to its targets; the copy takes blockSize / bandwidth.
  private onHeartbeatReply(m: Extract<DfsMessage, { type: 'HeartbeatReply' }>): Effect<DfsMessage>[] {
    const effects: Effect<DfsMessage>[] = [];
    if (m.reRegister) effects.push(send(NAMENODE_ID, this.report()));
    const copyMs = Math.max(1, Math.round(this.options.config.blockSizeBytes / this.options.config.bandwidthBytesPerMs));
    for (const command of m.commands) {
      if (!this.blocks.has(command.block)) {
        effects.push(output('rejected', { from: NAMENODE_ID, reason: `no tengo ${command.block} para copiarlo` }));
        continue;
      }
      for (const target of command.targets) {
        this.xmitsInProgress++;
        effects.push(setTimer(`${TRANSFER_PREFIX}${command.block} ${target}`, copyMs));
      }
    }
    return effects;
  }

  private onTransferBlock(from: NodeId, m: Extract<DfsMessage, { type: 'TransferBlock' }>): Effect<DfsMessage>[] {
    if (!this.blocks.has(m.block)) {
      this.blocks.add(m.block);
      this.durable.set(BLOCKS_KEY, [...this.blocks]);
    }
    return [output('blockStored', { block: m.block }), send(NAMENODE_ID, { type: 'BlockReceived', block: m.block, source: from })];
  }

  private report(): DfsMessage {
    return { type: 'BlockReport', blocks: [...this.blocks] };
  }
}

/** The blocks on a DataNode's disk, read from its durable store (crashed or not). */
export function blocksOnDisk(durable: { get<T>(key: string): T | undefined }): string[] {
  return durable.get<string[]>(BLOCKS_KEY) ?? [];
}
