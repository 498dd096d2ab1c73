import { describe, expect, it } from 'vitest';
import { blockHash, merkleRootOf } from '../../lib/blockchain/block';
import type { Block, Transaction } from '../../lib/blockchain/block';
import { merkleProof, merkleRoot, verifyMerkleProof } from '../../lib/blockchain/merkle';
import { LightNode, headersOf } from '../../lib/blockchain/nodes';
import { demoChain, tamperFigure, tamperSteps } from '../../lib/blockchain/tamper';
import { chainStatus } from '../../lib/blockchain/validate';
import { sha256Hex } from '../../lib/blockchain/canonical';
import { seriesColor } from '../../lib/plot/charts';
import { createRng } from '../../lib/random/index';

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

describe('tamper detection (property over random chains and edits)', () => {
  it.each(SEEDS)('seed %i: any edit of block k makes k the first bad block and every later one bad', (seed) => {
    const rng = createRng(`tamper-${seed}`);
    const blocks = demoChain({ seed, length: rng.int(3, 7), zeroBits: 3 });
    expect(chainStatus(blocks).every((s) => s === 'valido'), `seed ${seed}`).toBe(true);
    const k = rng.int(0, blocks.length - 1);
    const b = blocks[k] as Block;
    const t = rng.int(0, b.transactions.length - 1);
    const tx = b.transactions[t] as Transaction;
    const edits: Record<string, () => Block> = {
      amount: () => ({ ...b, transactions: b.transactions.map((x, i) => (i === t ? { ...tx, amount: tx.amount + rng.int(1, 9) } : x)) }),
      to: () => ({ ...b, transactions: b.transactions.map((x, i) => (i === t ? { ...tx, to: sha256Hex(`x${seed}`) } : x)) }),
      dropTx: () => ({ ...b, transactions: b.transactions.filter((_, i) => i !== t) }),
      timestamp: () => ({ ...b, timestamp: b.timestamp + 1 }),
      nonce: () => ({ ...b, nonce: b.nonce + 1 }),
      rehashed: () => {
        const txs = b.transactions.map((x, i) => (i === t ? { ...tx, amount: tx.amount + 1 } : x));
        const header = { ...b, transactions: txs, merkleRoot: merkleRootOf(txs), nonce: b.nonce + 1 };
        return { ...header, hash: blockHash(header) };
      },
    };
    const name = rng.choice(Object.keys(edits));
    const edited = blocks.map((x, i) => (i === k ? (edits[name] as () => Block)() : x));
    const status = chainStatus(edited);
    const label = `seed ${seed}, edit ${name} of block ${k}: ${status.join(' ')}`;
    // A re-hashed block may, by luck, still have the work: then its child's link breaks.
    const firstBad = status.findIndex((s) => s !== 'valido');
    expect(firstBad === k || (name === 'rehashed' && firstBad === k + 1) || (name === 'rehashed' && firstBad === -1 && k === blocks.length - 1), label).toBe(true);
    if (firstBad >= 0) expect(status.slice(firstBad + 1).every((s) => s === 'tras-un-fallo'), label).toBe(true);
  });

  it('walks the forger ladder: content, work, link, then a valid chain that cost a re-mine of every later block', () => {
    const steps = tamperSteps(demoChain({ seed: 9, length: 6, zeroBits: 8 }), 2);
    expect(steps.map((s) => s.status[2])).toEqual(['valido', 'contenido', 'trabajo', 'valido', 'valido']);
    expect(steps[3]!.status[3]).toBe('enlace');
    expect(steps[4]!.status.every((s) => s === 'valido')).toBe(true);
    expect(steps[4]!.forgerAttempts).toBeGreaterThan(steps[3]!.forgerAttempts);
    const figure = tamperFigure(steps);
    expect(figure.data.filter((t) => t.mode === 'lines' && (t.line as { color: string }).color === seriesColor(3)).length).toBe(4 + 4 + 3);
  });
});

describe('Merkle proofs', () => {
  it('builds Bitcoin\'s root: double SHA-256 of each pair (block 100000\'s four transactions)', () => {
    // Bitcoin displays ids and roots byte-reversed; the tree hashes the internal order.
    const reversed = (h: string) => Buffer.from(h, 'hex').reverse().toString('hex');
    const ids = [
      '8c14f0db3df150123e6f3dbbf30f8b955a8249b62ac1d1ff16284aefa3d06d87',
      'fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4',
      '6359f0868171b1d194cbee1af2f16ea598ae8fad666d9b012c8ed2b79a236ec4',
      'e9a66845e05d5abc0ad04ec80f774a7e585c6e8db975962d069a522137b80c1d',
    ];
    expect(reversed(merkleRoot(ids.map(reversed)))).toBe('f3e94742aca4b5ef85488dc37c06c3282295ffec960994b2c0d5ac2a25a95766');
    const [a, b] = [sha256Hex('a'), sha256Hex('b')];
    expect(merkleRoot([a, b])).toBe(sha256Hex(Buffer.from(sha256Hex(Buffer.from(a + b, 'hex')), 'hex')));
  });

  it.each([1, 2, 3, 5, 8, 13])('prove every leaf of a %i-leaf tree and reject others', (n) => {
    const leaves = Array.from({ length: n }, (_, i) => sha256Hex(`tx${i}`));
    const root = merkleRoot(leaves);
    leaves.forEach((leaf, i) => {
      const proof = merkleProof(leaves, i);
      expect(verifyMerkleProof(leaf, proof, root), `leaf ${i} of ${n}`).toBe(true);
      expect(verifyMerkleProof(sha256Hex('otra'), proof, root)).toBe(false);
      expect(proof.length).toBe(Math.ceil(Math.log2(n)));
    });
    expect(verifyMerkleProof(leaves[0]!, [{ sibling: 'nope', side: 'left' }] as never, root)).toBe(false);
  });
});

describe('full and light nodes', () => {
  it('a light node checks a payment with headers only, and refuses a broken header', () => {
    const blocks = demoChain({ seed: 4, length: 5, zeroBits: 4 });
    const light = new LightNode('ligero', 4);
    for (const h of headersOf(blocks)) expect(light.receiveHeader(h).ok).toBe(true);
    const tx = blocks[2]!.transactions[1]!;
    const check = light.verifyPayment({ txId: tx.id, blockIndex: 2, proof: merkleProof(blocks[2]!.transactions.map((t) => t.id), 1) });
    expect(check).toMatchObject({ included: true, confirmations: 3 });
    expect(light.verifyPayment({ txId: tx.id, blockIndex: 3, proof: merkleProof(blocks[2]!.transactions.map((t) => t.id), 1) }).included).toBe(false);
    expect(light.verifyPayment(undefined).included).toBe(false);
    const other = new LightNode('otro', 4);
    const [g, h1] = headersOf(blocks);
    expect(other.receiveHeader(g!).ok).toBe(true);
    expect(other.receiveHeader({ ...h1!, nonce: h1!.nonce + 1 }).ok).toBe(false);
    expect(other.receiveHeader({ ...h1!, previousHash: sha256Hex('x') }).ok).toBe(false);
    expect(other.height).toBe(1);
  });
});
