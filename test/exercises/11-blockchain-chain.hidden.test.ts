// Hidden checks of exercises 11.1 (validateChain) and 11.2 (hashMeetsTarget): random inputs from
// checkSeed, compared with this file's own reference, never with lib's exercise functions.
import { expect } from 'vitest';
import { blockHash, leadingZeroBits, merkleRootOf } from '../../lib/blockchain/block';
import type { Block } from '../../lib/blockchain/block';
import { hashMeetsTarget, validateChain } from '../../lib/blockchain/exercises';
import { demoChain } from '../../lib/blockchain/tamper';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

function referenceValidate(blocks: readonly Block[]): { index: number; reason: string } | null {
  let previous = '0'.repeat(64);
  for (const [i, b] of blocks.entries()) {
    const reason = b.index !== i ? 'indice'
      : b.previousHash !== previous ? 'enlace'
      : b.merkleRoot !== merkleRootOf(b.transactions) ? 'contenido'
      : b.hash !== blockHash(b) ? 'hash'
      : leadingZeroBits(b.hash) < b.zeroBits ? 'trabajo' : undefined;
    if (reason !== undefined) return { index: i, reason };
    previous = b.hash;
  }
  return null;
}

type Edit = (b: Block, blocks: readonly Block[], rng: ReturnType<typeof createRng>) => Block;
const EDITS: Record<string, Edit> = {
  index: (b, _, rng) => ({ ...b, index: b.index + rng.int(1, 3) }),
  link: (b, blocks, rng) => ({ ...b, previousHash: (rng.choice(blocks) as Block).hash === b.previousHash ? '1'.repeat(64) : (rng.choice(blocks) as Block).hash }),
  content: (b, _, rng) => ({ ...b, transactions: b.transactions.map((t, k) => (k === 0 ? { ...t, amount: t.amount + rng.int(1, 50) } : t)) }),
  header: (b, _, rng) => ({ ...b, timestamp: b.timestamp + rng.int(1, 1000) }),
  work: (b) => { const h = { ...b, zeroBits: 120 }; return { ...h, hash: blockHash(h) }; },
  rehashedContent: (b) => { const txs = b.transactions.map((t, k) => (k === 0 ? { ...t, to: 'f'.repeat(64) } : t)); const h = { ...b, transactions: txs, merkleRoot: merkleRootOf(txs) }; return { ...h, hash: blockHash(h) }; },
  lowWork: (b) => { const h = { ...b, zeroBits: 0 }; return { ...h, hash: blockHash(h) }; },
};

const chains = [3, 5, 8].map((n, i) => demoChain({ seed: `oculto-11-${i}`, length: n, zeroBits: 3 }));

check('11.1', 'coincide con la validación en 150 cadenas con ediciones aleatorias (una o varias, en cualquier bloque)', () => {
  const seed = checkSeed('11.1-aleatorio');
  const rng = createRng(seed);
  for (let c = 0; c < 150; c++) {
    const base = rng.choice(chains);
    let blocks: Block[] = base.slice(0, rng.int(0, base.length));
    const edits = blocks.length === 0 ? 0 : rng.int(0, 3);
    const done: string[] = [];
    for (let e = 0; e < edits; e++) {
      const k = rng.int(0, blocks.length - 1);
      const name = rng.choice(Object.keys(EDITS));
      blocks = blocks.map((b, i) => (i === k ? (EDITS[name] as Edit)(b, blocks, rng) : b));
      done.push(`${name}@${k}`);
    }
    if (blocks.length > 1 && rng.bernoulli(0.1)) { const i = rng.int(0, blocks.length - 2); blocks = [...blocks.slice(0, i), blocks[i + 1]!, blocks[i]!, ...blocks.slice(i + 2)]; done.push(`swap@${i}`); }
    const expected = referenceValidate(blocks);
    const before = JSON.stringify(blocks);
    const got = validateChain(blocks);
    const label = `caso ${c}: ${blocks.length} bloques, ediciones ${done.join(' ') || 'ninguna'} (semilla ${seed})`;
    expect(got, label).toEqual(expected);
    expect(JSON.stringify(blocks), `blocks no debe cambiar: ${label}`).toBe(before);
  }
}, { hint: 'Recorre los bloques en orden y, en cada uno, haz las cinco comprobaciones en el orden del enunciado.', points: 2 });

check('11.1', 'casos límite: solo el génesis, génesis con enlace roto, trabajo justo en el límite', () => {
  const g = chains[0]![0]!;
  const exact = { ...g, zeroBits: leadingZeroBits(g.hash) };
  const exactRehashed = { ...exact, hash: blockHash(exact) };
  const cases: Block[][] = [[g], [{ ...g, previousHash: g.hash }], [exactRehashed], [{ ...exactRehashed, zeroBits: exactRehashed.zeroBits }], chains[2]!.slice(0, 1)];
  for (const blocks of cases) expect(validateChain(blocks), JSON.stringify(blocks.map((b) => [b.index, b.zeroBits]))).toEqual(referenceValidate(blocks));
}, { hint: 'El génesis enlaza con ZERO_HASH, y «al menos zeroBits» incluye el igual.' });

function referenceTarget(bits: number): bigint {
  const e = bits >>> 24;
  const m = BigInt(bits & 0x7fffff);
  return e <= 3 ? m >> BigInt(8 * (3 - e)) : m << BigInt(8 * (e - 3));
}
const hex = (n: bigint) => n.toString(16).padStart(64, '0');

check('11.2', 'coincide con la regla en 400 pares (hash, bits) aleatorios, muchos justo en el objetivo', () => {
  const seed = checkSeed('11.2-aleatorio');
  const rng = createRng(seed);
  for (let c = 0; c < 400; c++) {
    const e = rng.bernoulli(0.15) ? rng.int(0, 3) : rng.int(4, 32);
    const m = rng.bernoulli(0.05) ? 0 : rng.int(0, 0x7fffff);
    const bits = ((e << 24) | m) >>> 0;
    const target = referenceTarget(bits);
    const kind = rng.int(0, 4);
    let h = kind === 0 ? target : kind === 1 ? target + 1n : kind === 2 ? (target > 0n ? target - 1n : 0n) : kind === 3 ? target + BigInt(rng.int(0, 1 << 30)) * (1n << BigInt(rng.int(0, 200))) : (target * BigInt(rng.int(1, 1000))) / 997n;
    if (h >= 1n << 256n) h = (1n << 256n) - 1n;
    const expected = h <= target;
    expect(hashMeetsTarget(hex(h), bits), `hash ${hex(h)} bits 0x${bits.toString(16)} (semilla ${seed})`).toBe(expected);
  }
}, { hint: 'Haz toda la cuenta con BigInt, con el desplazamiento a la derecha cuando e < 3, y compara con ≤.', points: 2 });

check('11.2', 'bits reales de Bitcoin con hashes reales de bloques', () => {
  const cases: [string, number, boolean][] = [
    ['000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f', 0x1d00ffff, true], // génesis
    ['00000000000000000002a7c4c1e48d76c5a37902165a270156b7a8d72728a054', 0x170d21b9, true],
    ['00000000000000000002a7c4c1e48d76c5a37902165a270156b7a8d72728a054', 0x1700ffff, false],
    ['0000000000000000000000000000000000000000000000000000000000000000', 0x00000000, true],
  ];
  for (const [h, bits, _] of cases) expect(hashMeetsTarget(h, bits), `${h} 0x${bits.toString(16)}`).toBe(BigInt(`0x${h}`) <= referenceTarget(bits));
}, { hint: 'El hash se lee con el dígito más significativo primero.' });
