/**
 * Merkle trees over transaction ids, as Bitcoin builds them (whitepaper §7–8): each parent is the
 * double SHA-256 of its two children's 32 bytes side by side, level by level, duplicating the last
 * hash of an odd level, up to one root in the block header. (Bitcoin hashes the ids' internal
 * byte order, the reverse of how it displays them; the kit's ids are plain SHA-256 hex, used as
 * written.) A light node keeps only headers and checks that a transaction is in a block with a
 * proof of log₂ n hashes instead of the whole block.
 */
import { doubleSha256, isHash } from './canonical';

/** One step of a Merkle proof: the sibling hash and on which side it goes. */
export interface MerkleStep {
  readonly sibling: string;
  readonly side: 'left' | 'right';
}

function parent(left: string, right: string): string {
  return doubleSha256(Buffer.from(left + right, 'hex')).toString('hex');
}

function nextLevel(level: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < level.length; i += 2) {
    const left = level[i] as string;
    out.push(parent(left, level[i + 1] ?? left));
  }
  return out;
}

/**
 * The Merkle root of a list of hashes (hex); the empty list gives the all-zero hash.
 *
 * @example
 * merkleRoot([txIdA, txIdB, txIdC]); // H(H(a‖b) ‖ H(c‖c)), H = double SHA-256
 */
export function merkleRoot(leaves: readonly string[]): string {
  if (leaves.length === 0) return '0'.repeat(64);
  let level = [...leaves];
  while (level.length > 1) level = nextLevel(level);
  return level[0] as string;
}

/** The proof that `leaves[index]` is under `merkleRoot(leaves)`: one sibling per level. */
export function merkleProof(leaves: readonly string[], index: number): MerkleStep[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) throw new RangeError(`no hay hoja ${index} en un árbol de ${leaves.length}`);
  const proof: MerkleStep[] = [];
  let level = [...leaves];
  let position = index;
  while (level.length > 1) {
    const isRight = position % 2 === 1;
    const sibling = isRight ? level[position - 1] : level[position + 1] ?? level[position];
    proof.push({ sibling: sibling as string, side: isRight ? 'left' : 'right' });
    level = nextLevel(level);
    position = Math.floor(position / 2);
  }
  return proof;
}

/** True if `leaf` with `proof` hashes up to `root`; a malformed proof is simply false. */
export function verifyMerkleProof(leaf: string, proof: readonly MerkleStep[], root: string): boolean {
  if (!isHash(leaf) || !isHash(root) || !Array.isArray(proof)) return false;
  let hash = leaf;
  for (const step of proof) {
    if (step === null || typeof step !== 'object' || !isHash(step.sibling) || (step.side !== 'left' && step.side !== 'right')) return false;
    hash = step.side === 'left' ? parent(step.sibling, hash) : parent(hash, step.sibling);
  }
  return hash === root;
}
