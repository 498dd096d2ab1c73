/**
 * A chain with a ledger, as a full node keeps it: every block is checked in full before it is
 * appended (structure, proof of work, signatures, balances), and a rejected block leaves the
 * chain exactly as it was, with a clear reason.
 */
import { COINBASE, coinbaseTransaction, mineBlock, transactionId } from './block';
import type { Block, Transaction } from './block';
import { ZERO_HASH } from './canonical';
import { BLOCK_STATUS_TEXT, blockFault, malformedBlock, malformedTransaction } from './validate';
import type { BlockFault } from './validate';
import { verifyHex } from './wallet';

/** Why a chain refuses a block or a transaction. */
export type RejectCode = 'malformado' | 'padre-desconocido' | 'no-es-la-punta' | BlockFault | 'coinbase' | 'firma' | 'saldo' | 'repetida';

/** The outcome of offering a block or a transaction: accepted, or refused with a reason. */
export type Verdict = { readonly ok: true; readonly code?: undefined; readonly reason?: undefined } | { readonly ok: false; readonly code: RejectCode; readonly reason: string };

/** Options of a {@link Chain}. */
export interface ChainOptions {
  /** Leading zero bits asked of every block (default 8: 256 attempts on average). */
  readonly zeroBits?: number;
  /** The miner's reward per block, paid by the coinbase transaction (default 50). */
  readonly reward?: number;
  /** Who receives the genesis block's reward (default nobody: a 0-transaction genesis). */
  readonly genesisTo?: string;
}

function refuse(code: RejectCode, reason: string): Verdict {
  return { ok: false, code, reason };
}

/**
 * A blockchain with balances: genesis at construction, then `tryAppend` or `mineNext`.
 *
 * @example
 * const chain = new Chain({ zeroBits: 8, genesisTo: alice.address });
 * chain.balance(alice.address); // 50
 * chain.tryAppend(block);       // { ok: true } or { ok: false, code: 'saldo', reason: '…' }
 */
export class Chain {
  readonly zeroBits: number;
  readonly reward: number;
  private readonly blockList: Block[] = [];
  private readonly balances = new Map<string, number>();
  private readonly spentIds = new Set<string>();
  private readonly known = new Set<string>();

  constructor(options: ChainOptions = {}) {
    this.zeroBits = options.zeroBits ?? 8;
    this.reward = options.reward ?? 50;
    if (!Number.isInteger(this.zeroBits) || this.zeroBits < 0 || this.zeroBits > 32) throw new RangeError('zeroBits debe ser un entero entre 0 y 32');
    const transactions = options.genesisTo === undefined ? [] : [coinbaseTransaction(options.genesisTo, this.reward, 0)];
    const { block } = mineBlock({ index: 0, timestamp: 0, previousHash: ZERO_HASH, transactions, zeroBits: this.zeroBits });
    const verdict = this.tryAppend(block);
    if (!verdict.ok) throw new Error(`génesis inválido: ${verdict.reason}`);
  }

  /** The blocks, genesis first (a copy of the list). */
  get blocks(): Block[] {
    return [...this.blockList];
  }

  /** The last block. */
  get tip(): Block {
    return this.blockList[this.blockList.length - 1] as Block;
  }

  /** The balance of an address (0 if it never received anything). */
  balance(address: string): number {
    return this.balances.get(address) ?? 0;
  }

  /**
   * Checks one transaction against balances as they would be (no change to the chain). Accepts
   * any value: an untrusted transaction from the network is refused as `malformado` first.
   */
  checkTransaction(value: unknown, pending: ReadonlyMap<string, number> = this.balances, pendingIds: ReadonlySet<string> = new Set()): Verdict {
    const malformed = malformedTransaction(value);
    if (malformed !== undefined) return refuse('malformado', `transacción mal formada: ${malformed}`);
    const tx = value as Transaction;
    if (tx.from === COINBASE) return refuse('coinbase', 'una transacción coinbase solo puede ir primera en un bloque');
    if (transactionId(tx) !== tx.id) return refuse('contenido', `la transacción ${tx.id.slice(0, 8)}… no corresponde a su id`);
    if (!verifyHex(tx.from, tx.id, tx.signature)) return refuse('firma', `la firma de la transacción ${tx.id.slice(0, 8)}… no es de ${tx.from.slice(0, 8)}…`);
    if (this.spentIds.has(tx.id) || pendingIds.has(tx.id)) return refuse('repetida', `la transacción ${tx.id.slice(0, 8)}… ya está en la cadena`);
    const available = pending.get(tx.from) ?? 0;
    if (available < tx.amount) return refuse('saldo', `${tx.from.slice(0, 8)}… quiere gastar ${tx.amount} y solo tiene ${available} (doble gasto o saldo insuficiente)`);
    return { ok: true };
  }

  /**
   * Validates `block` as the next one and appends it, or refuses it with a reason and leaves the
   * chain unchanged. Accepts any value: an untrusted block from the network.
   */
  tryAppend(block: unknown): Verdict {
    const malformed = malformedBlock(block);
    if (malformed !== undefined) return refuse('malformado', `bloque mal formado: ${malformed}`);
    const b = block as Block;
    if (this.blockList.length > 0) {
      if (!this.known.has(b.previousHash)) return refuse('padre-desconocido', `previousHash ${b.previousHash.slice(0, 12)}… no es ningún bloque conocido`);
      if (b.previousHash !== this.tip.hash) return refuse('no-es-la-punta', `el bloque no extiende la punta ${this.tip.hash.slice(0, 12)}… sino un bloque anterior`);
    }
    const previous = this.blockList.length === 0 ? ZERO_HASH : this.tip.hash;
    const fault = blockFault(b, this.blockList.length, previous);
    if (fault !== undefined) return refuse(fault, `bloque ${b.index}: ${BLOCK_STATUS_TEXT[fault]}`);
    if (b.zeroBits < this.zeroBits) return refuse('trabajo', `bloque ${b.index}: pide ${b.zeroBits} bits a cero y la cadena exige ${this.zeroBits}`);
    // Every transaction is checked against balances with the earlier ones of the same block applied.
    const pending = new Map(this.balances);
    const pendingIds = new Set<string>();
    for (const [i, tx] of b.transactions.entries()) {
      if (tx.from === COINBASE) {
        if (i !== 0) return refuse('coinbase', `bloque ${b.index}: la coinbase debe ser la primera transacción`);
        if (tx.amount > this.reward) return refuse('coinbase', `bloque ${b.index}: la recompensa ${tx.amount} supera ${this.reward}`);
        if (transactionId(tx) !== tx.id || this.spentIds.has(tx.id)) return refuse('coinbase', `bloque ${b.index}: coinbase con id inválido o repetido`);
      } else {
        const verdict = this.checkTransaction(tx, pending, pendingIds);
        if (!verdict.ok) return refuse(verdict.code, `bloque ${b.index}: ${verdict.reason}`);
        pending.set(tx.from, (pending.get(tx.from) ?? 0) - tx.amount);
      }
      pending.set(tx.to, (pending.get(tx.to) ?? 0) + tx.amount);
      pendingIds.add(tx.id);
    }
    this.blockList.push(b);
    this.known.add(b.hash);
    for (const id of pendingIds) this.spentIds.add(id);
    for (const [address, amount] of pending) this.balances.set(address, amount);
    return { ok: true };
  }

  /** Mines the next block (coinbase to `miner`, then `transactions`) at `timestamp`; does not append it. */
  mineNext(miner: string, transactions: readonly Transaction[], timestamp: number): { block: Block; attempts: number } {
    const height = this.blockList.length;
    return mineBlock({ index: height, timestamp, previousHash: this.tip.hash, transactions: [coinbaseTransaction(miner, this.reward, height), ...transactions], zeroBits: this.zeroBits });
  }
}
