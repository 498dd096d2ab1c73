/**
 * Full and light nodes (Bitcoin whitepaper §8, "Simplified Payment Verification"). A full node
 * keeps and checks every block with every transaction; a light node keeps only the headers
 * (80 bytes each in Bitcoin), checks their links and proof of work, and trusts a payment once a
 * full node shows a Merkle proof that its id is under a header's Merkle root, buried under
 * enough later headers.
 */
import { blockHash, headerOf, leadingZeroBits } from './block';
import type { Block, BlockHeader } from './block';
import { ZERO_HASH } from './canonical';
import { Chain } from './chain';
import type { ChainOptions, Verdict } from './chain';
import { merkleProof, verifyMerkleProof } from './merkle';
import type { MerkleStep } from './merkle';

/** Where a transaction is and the proof of it, as a full node answers a light one. */
export interface InclusionProof {
  readonly txId: string;
  readonly blockIndex: number;
  readonly proof: readonly MerkleStep[];
}

/** A full node: a whole {@link Chain}, and Merkle proofs for light nodes. */
export class FullNode {
  readonly chain: Chain;

  constructor(readonly name: string, options: ChainOptions = {}) {
    this.chain = new Chain(options);
  }

  /** Offers a block from the network. */
  receiveBlock(block: unknown): Verdict {
    return this.chain.tryAppend(block);
  }

  /** The proof that transaction `txId` is in the chain, or undefined if it is not. */
  proofFor(txId: string): InclusionProof | undefined {
    for (const block of this.chain.blocks) {
      const ids = block.transactions.map((t) => t.id);
      const i = ids.indexOf(txId);
      if (i >= 0) return { txId, blockIndex: block.index, proof: merkleProof(ids, i) };
    }
    return undefined;
  }

  /** Bytes this node stores (blocks as JSON). */
  storedBytes(): number {
    return this.chain.blocks.reduce((sum, b) => sum + JSON.stringify(b).length, 0);
  }
}

/** What a light node concludes about a payment. */
export interface PaymentCheck {
  readonly included: boolean;
  /** Headers from the payment's block to the tip, that block included (0 if not included). */
  readonly confirmations: number;
  readonly reason: string;
}

/** A light node: headers only, each checked for its link and its proof of work. */
export class LightNode {
  private readonly headers: BlockHeader[] = [];
  private readonly hashes: string[] = [];

  constructor(readonly name: string, readonly zeroBits: number) {}

  /** Headers kept so far. */
  get height(): number {
    return this.headers.length;
  }

  /** Offers the next header (with its hash); refuses a broken link or missing work. */
  receiveHeader(header: BlockHeader & { hash: string }): Verdict {
    const previous = this.hashes.length === 0 ? ZERO_HASH : (this.hashes[this.hashes.length - 1] as string);
    if (header.previousHash !== previous) return { ok: false, code: 'enlace', reason: 'la cabecera no sigue a la última conocida' };
    if (blockHash(header) !== header.hash) return { ok: false, code: 'hash', reason: 'el hash no corresponde a la cabecera' };
    if (header.zeroBits < this.zeroBits || leadingZeroBits(header.hash) < header.zeroBits) return { ok: false, code: 'trabajo', reason: 'la cabecera no tiene el trabajo exigido' };
    this.headers.push(headerOf(header));
    this.hashes.push(header.hash);
    return { ok: true };
  }

  /** Syncs every header a full node has beyond ours. */
  syncFrom(node: FullNode): void {
    for (const block of node.chain.blocks.slice(this.headers.length)) {
      const verdict = this.receiveHeader(block);
      if (!verdict.ok) throw new Error(`${this.name}: cabecera ${block.index} rechazada: ${verdict.reason}`);
    }
  }

  /** Checks a payment with a full node's Merkle proof against our own headers. */
  verifyPayment(proof: InclusionProof | undefined): PaymentCheck {
    if (proof === undefined) return { included: false, confirmations: 0, reason: 'el nodo completo no la encuentra' };
    const header = this.headers[proof.blockIndex];
    if (header === undefined) return { included: false, confirmations: 0, reason: `no tengo la cabecera ${proof.blockIndex}` };
    if (!verifyMerkleProof(proof.txId, proof.proof, header.merkleRoot)) return { included: false, confirmations: 0, reason: 'la prueba de Merkle no llega a la raíz de la cabecera' };
    return { included: true, confirmations: this.headers.length - proof.blockIndex, reason: `incluida, ${this.headers.length - proof.blockIndex} confirmaciones` };
  }

  /** Bytes this node stores (headers as JSON). */
  storedBytes(): number {
    return this.headers.reduce((sum, h, i) => sum + JSON.stringify({ ...h, hash: this.hashes[i] }).length, 0);
  }
}

/** The blocks' headers with their hashes (what a full node sends a light one). */
export function headersOf(blocks: readonly Block[]): (BlockHeader & { hash: string })[] {
  return blocks.map((b) => ({ ...headerOf(b), hash: b.hash }));
}
