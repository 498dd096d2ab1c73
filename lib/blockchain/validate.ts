/**
 * Structural validation of a list of blocks (teacher code; exercise 11.1 asks for the same rule
 * as a pure function): for each block in order, its index, its link to the previous block, its
 * Merkle root, its hash and its proof of work. A block is only as good as its ancestors, so once
 * one fails, every later block hangs from a broken history.
 */
import { blockHash, leadingZeroBits, merkleRootOf } from './block';
import type { Block } from './block';
import { ZERO_HASH, isHash } from './canonical';

/** Why a block fails the structural checks, in the order they are made. */
export type BlockFault = 'indice' | 'enlace' | 'contenido' | 'hash' | 'trabajo';

/** What is wrong with one block of a list: a fault, or that it descends from a bad block. */
export type BlockStatus = 'valido' | BlockFault | 'tras-un-fallo';

/** The Spanish sentence for each status, for tables and rejection messages. */
export const BLOCK_STATUS_TEXT: Readonly<Record<BlockStatus, string>> = {
  valido: 'válido',
  indice: 'índice fuera de orden',
  enlace: 'previousHash no es el hash del bloque anterior',
  contenido: 'merkleRoot no corresponde a sus transacciones',
  hash: 'hash no corresponde a su cabecera',
  trabajo: 'el hash no tiene los bits a cero que pide zeroBits',
  'tras-un-fallo': 'cuelga de un bloque inválido',
};

/** The first structural fault of `block` as the `index`-th block after `previousHash`, or undefined. */
export function blockFault(block: Block, index: number, previousHash: string): BlockFault | undefined {
  if (block.index !== index) return 'indice';
  if (block.previousHash !== previousHash) return 'enlace';
  if (block.merkleRoot !== merkleRootOf(block.transactions)) return 'contenido';
  if (block.hash !== blockHash(block)) return 'hash';
  if (leadingZeroBits(block.hash) < block.zeroBits) return 'trabajo';
  return undefined;
}

/**
 * The status of every block of a list: `valido` up to the first fault, the fault, then
 * `tras-un-fallo` for every later block.
 *
 * @example
 * chainStatus(blocks); // ['valido', 'valido', 'contenido', 'tras-un-fallo', …]
 */
export function chainStatus(blocks: readonly Block[]): BlockStatus[] {
  const out: BlockStatus[] = [];
  let broken = false;
  blocks.forEach((block, i) => {
    if (broken) { out.push('tras-un-fallo'); return; }
    const previous = i === 0 ? ZERO_HASH : (blocks[i - 1] as Block).hash;
    const fault = blockFault(block, i, previous);
    if (fault !== undefined) broken = true;
    out.push(fault ?? 'valido');
  });
  return out;
}

/** A plain-data problem with an untrusted block, or undefined if it has every field with the right type. */
export function malformedBlock(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'el bloque no es un objeto';
  const b = value as Record<string, unknown>;
  for (const field of ['index', 'timestamp', 'nonce', 'zeroBits'] as const) {
    if (typeof b[field] !== 'number' || !Number.isInteger(b[field]) || (b[field] as number) < 0) return `${field} debe ser un entero ≥ 0`;
  }
  if ((b.zeroBits as number) > 256) return 'zeroBits no puede pasar de 256';
  for (const field of ['previousHash', 'merkleRoot', 'hash'] as const) {
    if (!isHash(b[field])) return `${field} debe ser un hash de 64 dígitos hexadecimales en minúscula`;
  }
  if (!Array.isArray(b.transactions)) return 'transactions debe ser una lista';
  for (const [i, tx] of (b.transactions as unknown[]).entries()) {
    const problem = malformedTransaction(tx, `la transacción ${i}`);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/**
 * A plain-data problem with an untrusted transaction (a Spanish sentence starting with `label`),
 * or undefined if it has every field with the right type and a whole `amount` > 0.
 *
 * @example
 * malformedTransaction({ ...tx, amount: -5 }); // 'la transacción debe tener un amount entero > 0'
 */
export function malformedTransaction(value: unknown, label = 'la transacción'): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `${label} no es un objeto`;
  const t = value as Record<string, unknown>;
  if (typeof t.id !== 'string' || typeof t.from !== 'string' || typeof t.to !== 'string' || typeof t.signature !== 'string') return `${label} necesita id, from, to y signature (textos)`;
  if (typeof t.amount !== 'number' || !Number.isInteger(t.amount) || t.amount <= 0) return `${label} debe tener un amount entero > 0`;
  if (typeof t.nonce !== 'number' || !Number.isInteger(t.nonce) || t.nonce < 0) return `${label} debe tener un nonce entero ≥ 0`;
  return undefined;
}
