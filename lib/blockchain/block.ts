/**
 * Blocks and transactions as plain JSON. A block's hash covers its header (index, timestamp,
 * previous hash, Merkle root of its transactions, nonce, required zero bits) in canonical JSON;
 * a transaction's id covers what it says (from, to, amount, nonce), and its signature signs
 * that id. Change any field of any transaction and its id, the Merkle root and the block hash
 * all change.
 */
import { canonicalJson, sha256Hex } from './canonical';
import { merkleRoot } from './merkle';
import { signHex } from './wallet';
import type { Wallet } from './wallet';

/** The sender of a block reward: the miner's coinbase transaction has no signer. */
export const COINBASE = 'coinbase';

/** A transfer of `amount` (whole units) from one address to another, signed by the sender. */
export interface Transaction {
  /** SHA-256 of the canonical JSON of `{ from, to, amount, nonce }`. */
  readonly id: string;
  /** Sender's address (Ed25519 public key, hex), or `'coinbase'` for the block reward. */
  readonly from: string;
  readonly to: string;
  readonly amount: number;
  /** The sender's counter, so two equal payments have different ids. */
  readonly nonce: number;
  /** Ed25519 signature of `id` by `from` (hex); empty for a coinbase. */
  readonly signature: string;
}

/** The fields a block's hash covers: what a light node keeps. */
export interface BlockHeader {
  readonly index: number;
  /** Simulated time, milliseconds. */
  readonly timestamp: number;
  readonly previousHash: string;
  readonly merkleRoot: string;
  readonly nonce: number;
  /** Proof of work asked of this block: its hash starts with this many zero bits. */
  readonly zeroBits: number;
}

/** A block: header, transactions and the hash of the header. */
export interface Block extends BlockHeader {
  readonly transactions: readonly Transaction[];
  readonly hash: string;
}

/** The id of a transaction, recomputed from its content. */
export function transactionId(tx: Pick<Transaction, 'from' | 'to' | 'amount' | 'nonce'>): string {
  return sha256Hex(canonicalJson({ from: tx.from, to: tx.to, amount: tx.amount, nonce: tx.nonce }));
}

/**
 * A transaction signed by `wallet`.
 *
 * @example
 * const tx = signTransaction(alice, { to: bob.address, amount: 1, nonce: 0 });
 */
export function signTransaction(wallet: Wallet, payment: { to: string; amount: number; nonce: number }): Transaction {
  const body = { from: wallet.address, to: payment.to, amount: payment.amount, nonce: payment.nonce };
  const id = transactionId(body);
  return { id, ...body, signature: signHex(wallet, id) };
}

/** The reward transaction a miner puts first in its block. */
export function coinbaseTransaction(to: string, amount: number, height: number): Transaction {
  const body = { from: COINBASE, to, amount, nonce: height };
  return { id: transactionId(body), ...body, signature: '' };
}

/** The Merkle root of a block's transactions, from their recomputed ids. */
export function merkleRootOf(transactions: readonly Pick<Transaction, 'from' | 'to' | 'amount' | 'nonce'>[]): string {
  return merkleRoot(transactions.map(transactionId));
}

/** The header fields of a block, in a new object. */
export function headerOf(block: BlockHeader): BlockHeader {
  return { index: block.index, timestamp: block.timestamp, previousHash: block.previousHash, merkleRoot: block.merkleRoot, nonce: block.nonce, zeroBits: block.zeroBits };
}

/**
 * The hash of a block: SHA-256 of its header in canonical JSON (keys sorted).
 *
 * @example
 * blockHash(block) === block.hash; // true for an untouched block
 */
export function blockHash(header: BlockHeader): string {
  return sha256Hex(canonicalJson(headerOf(header)));
}

/** How many leading zero bits a hex hash has (0…256). */
export function leadingZeroBits(hashHex: string): number {
  let bits = 0;
  for (const digit of hashHex) {
    const value = parseInt(digit, 16);
    if (value === 0) { bits += 4; continue; }
    return bits + Math.clz32(value) - 28;
  }
  return bits;
}

/** What `mineBlock` needs: the block without nonce and hash. */
export interface BlockDraft {
  readonly index: number;
  readonly timestamp: number;
  readonly previousHash: string;
  readonly transactions: readonly Transaction[];
  readonly zeroBits: number;
}

/** A mined block and how many hashes it took. */
export interface MinedBlock {
  readonly block: Block;
  readonly attempts: number;
}

/**
 * Mines a block: tries nonces 0, 1, 2, … until the hash has `zeroBits` leading zero bits.
 *
 * @example
 * const { block, attempts } = mineBlock({ index: 1, timestamp: 0, previousHash: genesis.hash, transactions: [], zeroBits: 12 });
 */
export function mineBlock(draft: BlockDraft, options: { maxAttempts?: number } = {}): MinedBlock {
  const maxAttempts = options.maxAttempts ?? 1e8;
  const base = { index: draft.index, timestamp: draft.timestamp, previousHash: draft.previousHash, merkleRoot: merkleRootOf(draft.transactions), zeroBits: draft.zeroBits };
  for (let nonce = 0; nonce < maxAttempts; nonce++) {
    const hash = blockHash({ ...base, nonce });
    if (leadingZeroBits(hash) >= draft.zeroBits) return { block: { ...base, nonce, transactions: [...draft.transactions], hash }, attempts: nonce + 1 };
  }
  throw new RangeError(`ningún nonce de 0 a ${maxAttempts - 1} da ${draft.zeroBits} bits a cero`);
}
