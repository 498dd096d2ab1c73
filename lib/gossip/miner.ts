/**
 * Full nodes that mine and gossip blocks (simulated proof of work). Each miner finds a block
 * after an exponential time of mean `blockIntervalMs / hashShare` (mining is memoryless: a
 * miner that switches to a new tip simply draws again), floods it to its overlay neighbours,
 * and follows the **most-work chain** (equal difficulty: the highest; a tie keeps the block
 * seen first, as Bitcoin Core does). A block whose parent is unknown waits as an orphan and the
 * parent is asked for (`GetBlock`); a malformed block is refused with a reason. Transactions
 * (`Tx`) are flooded the same way and go into the next block mined on top of a chain that lacks them.
 */
import { createHash } from 'node:crypto';
import type { Rng } from '../random/index';
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/types';
import { output, send, setTimer } from '../sim/types';

/** A simulated block: the fields that matter for forks. */
export interface SimBlock {
  readonly hash: string;
  readonly parent: string;
  readonly height: number;
  readonly miner: string;
  readonly timeMs: number;
  readonly txs: readonly string[];
}

/** Messages between miners. `MineNow` is the scenario's hook to force a block now. */
export type MinerMessage =
  | { readonly type: 'Block'; readonly block: SimBlock }
  | { readonly type: 'GetBlock'; readonly hash: string }
  | { readonly type: 'Tx'; readonly id: string }
  | { readonly type: 'MineNow' };

/** The genesis block every node starts from. */
export const GENESIS: SimBlock = { hash: 'genesis', parent: '', height: 0, miner: '', timeMs: 0, txs: [] };

/** Options of {@link MinerNode}. */
export interface MinerOptions {
  readonly neighbours: readonly NodeId[];
  /** This miner's fraction of the hash power (0 = a full node that does not mine). */
  readonly hashShare: number;
  /** The whole network's mean time between blocks. */
  readonly blockIntervalMs: number;
  /** Stop mining at this time (default never), so the network can settle. */
  readonly stopMiningAtMs?: number;
}

function blockProblem(block: unknown): string | undefined {
  const b = block as Partial<SimBlock> | null;
  if (b === null || typeof b !== 'object') return 'el bloque no es un objeto';
  if (typeof b.hash !== 'string' || typeof b.parent !== 'string' || typeof b.miner !== 'string') return 'hash, parent y miner deben ser textos';
  if (!Number.isInteger(b.height) || (b.height as number) < 1) return `altura no válida: ${String(b.height)}`;
  if (typeof b.timeMs !== 'number' || !Array.isArray(b.txs)) return 'timeMs debe ser un número y txs una lista';
  if (blockHash(b as SimBlock) !== b.hash) return `el hash ${b.hash} no corresponde al contenido del bloque`;
  return undefined;
}

/** The hash of a block's content (sha256 of its fields, 16 hex digits). */
export function blockHash(b: Omit<SimBlock, 'hash'>): string {
  return createHash('sha256').update(`${b.parent}|${b.height}|${b.miner}|${b.timeMs}|${b.txs.join(',')}`).digest('hex').slice(0, 16);
}

/** A miner / full node: see the module comment. */
export class MinerNode implements ProtocolNode<MinerMessage> {
  readonly id: NodeId;
  /** Every block this node has connected to its tree, by hash. */
  readonly blocks = new Map<string, SimBlock>([[GENESIS.hash, GENESIS]]);
  /** The tip of the chain this node follows. */
  tip: SimBlock = GENESIS;
  /** Blocks mined by this node. */
  readonly mined: SimBlock[] = [];
  /** Transactions seen (mempool and mined alike). */
  readonly txs = new Set<string>();
  /** Refused inputs, with the Spanish reason. */
  readonly rejected: string[] = [];
  /** Tip changes that dropped blocks of the old chain (reorganisations), with depth. */
  readonly reorgs: { readonly atMs: number; readonly depth: number }[] = [];
  /** When each block was first connected here (local time), by hash. */
  readonly firstSeenMs = new Map<string, number>();
  private readonly orphans = new Map<string, SimBlock[]>();
  private readonly rng: Rng;

  constructor(context: NodeContext, private readonly options: MinerOptions) {
    this.id = context.id;
    this.rng = context.rng;
  }

  start(nowMs: number): Effect<MinerMessage>[] {
    return this.armMining(nowMs);
  }

  step(input: Input<MinerMessage>, nowMs: number): Effect<MinerMessage>[] {
    if (input.type === 'timer') return input.name === 'mine' ? this.onMineTimeout(nowMs) : [];
    const m = input.message as MinerMessage | null;
    switch (m?.type) {
      case 'Block': return this.onBlock(m.block, input.from, nowMs);
      case 'GetBlock': {
        const b = typeof m.hash === 'string' ? this.blocks.get(m.hash) : undefined;
        return b && b !== GENESIS ? [send(input.from, { type: 'Block', block: b })] : [];
      }
      case 'Tx': return this.onTx(m.id, input.from);
      case 'MineNow': return this.mineBlock(nowMs);
      default: return this.reject(`mensaje desconocido de ${input.from}: ${JSON.stringify(m)?.slice(0, 60)}`);
    }
  }

  /** The chain from genesis to the tip, as hashes. */
  chain(): string[] {
    const out: string[] = [];
    for (let b: SimBlock | undefined = this.tip; b; b = this.blocks.get(b.parent)) out.push(b.hash);
    return out.reverse();
  }

  private reject(reason: string): Effect<MinerMessage>[] {
    this.rejected.push(reason);
    return [output('rejected', { reason })];
  }

  private armMining(nowMs: number): Effect<MinerMessage>[] {
    if (!(this.options.hashShare > 0) || (this.options.stopMiningAtMs !== undefined && nowMs >= this.options.stopMiningAtMs)) return [];
    return [setTimer('mine', this.rng.exponential(this.options.blockIntervalMs / this.options.hashShare))];
  }

  private onMineTimeout(nowMs: number): Effect<MinerMessage>[] {
    if (this.options.stopMiningAtMs !== undefined && nowMs >= this.options.stopMiningAtMs) return [];
    return this.mineBlock(nowMs);
  }

  private mineBlock(nowMs: number): Effect<MinerMessage>[] {
    const onChain = new Set<string>();
    if (this.txs.size > 0) for (const h of this.chain()) for (const t of this.blocks.get(h)?.txs ?? []) onChain.add(t);
    const content = { parent: this.tip.hash, height: this.tip.height + 1, miner: this.id, timeMs: nowMs, txs: [...this.txs].filter((t) => !onChain.has(t)) };
    const block: SimBlock = { hash: blockHash(content), ...content };
    this.mined.push(block);
    this.blocks.set(block.hash, block);
    this.tip = block;
    return [output('mined', { hash: block.hash, height: block.height }), ...this.flood({ type: 'Block', block }, undefined), ...this.armMining(nowMs)];
  }

  private onTx(id: unknown, from: NodeId): Effect<MinerMessage>[] {
    if (typeof id !== 'string' || id.length === 0) return this.reject(`Tx sin identificador de ${from}`);
    if (this.txs.has(id)) return [];
    this.txs.add(id);
    return this.flood({ type: 'Tx', id }, from);
  }

  private flood(message: MinerMessage, except: NodeId | undefined): Effect<MinerMessage>[] {
    return this.options.neighbours.filter((n) => n !== except).map((n) => send(n, message));
  }

  private onBlock(block: SimBlock, from: NodeId, nowMs: number): Effect<MinerMessage>[] {
    // A hash already connected is a duplicate copy (the common case of flooding): no re-hash.
    if (typeof block?.hash === 'string' && this.blocks.has(block.hash)) return [];
    const problem = blockProblem(block);
    if (problem !== undefined) return this.reject(`bloque rechazado de ${from}: ${problem}`);
    const parent = this.blocks.get(block.parent);
    if (parent === undefined) {
      // Unknown previous hash: keep it aside (not on any chain) and ask the sender for the parent.
      const waiting = this.orphans.get(block.parent) ?? [];
      if (waiting.some((b) => b.hash === block.hash)) return [];
      waiting.push(block);
      this.orphans.set(block.parent, waiting);
      return [output('orphan', { hash: block.hash, parent: block.parent }), send(from, { type: 'GetBlock', hash: block.parent })];
    }
    const effects: Effect<MinerMessage>[] = [];
    const before = this.tip;
    const queue = [block];
    while (queue.length > 0) {
      const b = queue.shift() as SimBlock;
      // Every block connected here, orphans included, must sit one above its parent.
      const p = this.blocks.get(b.parent) as SimBlock;
      if (b.height !== p.height + 1) {
        effects.push(...this.reject(`bloque rechazado de ${from}: ${b.hash} tiene altura ${b.height} tras un padre de altura ${p.height}`));
        effects.push(...this.dropOrphansOf(b.hash, from));
        continue;
      }
      this.blocks.set(b.hash, b);
      this.firstSeenMs.set(b.hash, nowMs);
      for (const t of b.txs) this.txs.add(t);
      effects.push(...this.flood({ type: 'Block', block: b }, from));
      if (b.height > this.tip.height) this.tip = b; // most work wins; a tie keeps the first seen
      queue.push(...(this.orphans.get(b.hash) ?? []));
      this.orphans.delete(b.hash);
    }
    if (this.tip !== before) {
      const depth = this.reorgDepth(before);
      if (depth > 0) this.reorgs.push({ atMs: nowMs, depth });
      effects.push(output('tip', { hash: this.tip.hash, height: this.tip.height, reorgDepth: depth }), ...this.armMining(nowMs));
    }
    return effects;
  }

  /** Refuses every orphan waiting (directly or not) on a refused block: they descend from it. */
  private dropOrphansOf(hash: string, from: NodeId): Effect<MinerMessage>[] {
    const effects: Effect<MinerMessage>[] = [];
    const pending = [hash];
    while (pending.length > 0) {
      const h = pending.pop() as string;
      for (const child of this.orphans.get(h) ?? []) {
        effects.push(...this.reject(`bloque rechazado de ${from}: ${child.hash} desciende del bloque rechazado ${h}`));
        pending.push(child.hash);
      }
      this.orphans.delete(h);
    }
    return effects;
  }

  /** Blocks of the old chain (ending at `oldTip`) not on the new one. */
  private reorgDepth(oldTip: SimBlock): number {
    let a: SimBlock | undefined = this.tip;
    while (a && a.height > oldTip.height) a = this.blocks.get(a.parent);
    let b: SimBlock | undefined = oldTip;
    let depth = 0;
    while (a && b && a.hash !== b.hash) {
      a = this.blocks.get(a.parent);
      b = this.blocks.get(b.parent);
      depth++;
    }
    return depth;
  }
}
