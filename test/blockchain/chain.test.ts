import { describe, expect, it } from 'vitest';
import { blockHash, coinbaseTransaction, merkleRootOf, mineBlock, signTransaction } from '../../lib/blockchain/block';
import type { Block } from '../../lib/blockchain/block';
import { canonicalJson, sha256Hex, ZERO_HASH } from '../../lib/blockchain/canonical';
import { Chain } from '../../lib/blockchain/chain';
import { createWallet, verifyHex } from '../../lib/blockchain/wallet';
import { aliceToBob } from '../../lib/blockchain/alice-bob';
import { createRng } from '../../lib/random/index';

const rng = createRng('chain-tests');
const alice = createWallet('Alice', rng.fork('a'));
const bob = createWallet('Bob', rng.fork('b'));
const mallory = createWallet('Mallory', rng.fork('m'));

function freshChain(): Chain {
  return new Chain({ zeroBits: 4, genesisTo: alice.address });
}

function snapshot(chain: Chain) {
  return { blocks: chain.blocks.map((b) => b.hash), alice: chain.balance(alice.address), bob: chain.balance(bob.address) };
}

describe('canonical serialisation', () => {
  it('hashes equal data equally whatever the key order; JSON.stringify does not', () => {
    const a = { index: 1, nonce: 7, previousHash: ZERO_HASH };
    const b = { previousHash: ZERO_HASH, nonce: 7, index: 1 };
    expect(sha256Hex(JSON.stringify(a))).not.toBe(sha256Hex(JSON.stringify(b)));
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson({ b: [1, { d: 2, c: 3 }], a: null })).toBe('{"a":null,"b":[1,{"c":3,"d":2}]}');
  });

  it.each([[Number.NaN], [undefined], [() => 1]])('refuses %s', (v) => {
    expect(() => canonicalJson({ x: v })).toThrow();
  });
});

describe('Ed25519 wallets', () => {
  it('are deterministic per seed and verify only their own signatures', () => {
    const again = createWallet('Alice', createRng('chain-tests').fork('a'));
    expect(again.address).toBe(alice.address);
    const tx = signTransaction(alice, { to: bob.address, amount: 3, nonce: 0 });
    expect(verifyHex(alice.address, tx.id, tx.signature)).toBe(true);
    expect(verifyHex(bob.address, tx.id, tx.signature)).toBe(false);
    expect(verifyHex(alice.address, tx.id, 'zz')).toBe(false);
  });
});

describe('Chain', () => {
  it('appends a valid block and moves the balances', () => {
    const chain = freshChain();
    const { block } = chain.mineNext(bob.address, [signTransaction(alice, { to: bob.address, amount: 5, nonce: 0 })], 600_000);
    expect(chain.tryAppend(block)).toEqual({ ok: true });
    expect(chain.balance(alice.address)).toBe(45);
    expect(chain.balance(bob.address)).toBe(55);
  });

  const cases: [string, (chain: Chain) => unknown, string][] = [
    ['a malformed block (not an object)', () => 'bloque', 'malformado'],
    ['a malformed block (hash not hex)', (c) => ({ ...c.mineNext(bob.address, [], 1).block, hash: 'xyz' }), 'malformado'],
    ['a malformed block (negative amount)', (c) => {
      const b = c.mineNext(bob.address, [], 1).block;
      return { ...b, transactions: [{ ...b.transactions[0], amount: -5 }] };
    }, 'malformado'],
    ['a block whose previous hash is unknown', (c) => {
      const b = c.mineNext(bob.address, [], 1).block;
      return mineBlock({ index: 1, timestamp: 1, previousHash: sha256Hex('otra cadena'), transactions: b.transactions, zeroBits: 4 }).block;
    }, 'padre-desconocido'],
    ['a bad signature', (c) => {
      const forged = { ...signTransaction(mallory, { to: mallory.address, amount: 5, nonce: 0 }) };
      const body = { ...forged, from: alice.address };
      const asAlice = { ...body, id: sha256Hex(canonicalJson({ from: body.from, to: body.to, amount: body.amount, nonce: body.nonce })) };
      return c.mineNext(bob.address, [asAlice], 1).block;
    }, 'firma'],
    ['a double spend inside one block', (c) => c.mineNext(bob.address, [
      signTransaction(alice, { to: bob.address, amount: 30, nonce: 0 }),
      signTransaction(alice, { to: mallory.address, amount: 30, nonce: 1 }),
    ], 1).block, 'saldo'],
    ['the same transaction twice', (c) => {
      const tx = signTransaction(alice, { to: bob.address, amount: 1, nonce: 0 });
      return c.mineNext(bob.address, [tx, tx], 1).block;
    }, 'repetida'],
    ['a reward above the rule', (c) => mineBlock({ index: 1, timestamp: 1, previousHash: c.tip.hash, transactions: [coinbaseTransaction(bob.address, 51, 1)], zeroBits: 4 }).block, 'coinbase'],
    ['a coinbase that is not first', (c) => mineBlock({ index: 1, timestamp: 1, previousHash: c.tip.hash, transactions: [signTransaction(alice, { to: bob.address, amount: 1, nonce: 0 }), coinbaseTransaction(bob.address, 50, 1)], zeroBits: 4 }).block, 'coinbase'],
    ['too little work for the chain', (c) => mineBlock({ index: 1, timestamp: 1, previousHash: c.tip.hash, transactions: [], zeroBits: 0 }).block, 'trabajo'],
    ['a changed transaction', (c) => {
      const b = c.mineNext(bob.address, [signTransaction(alice, { to: bob.address, amount: 1, nonce: 0 })], 1).block;
      return { ...b, transactions: [b.transactions[0], { ...b.transactions[1], amount: 40 }] };
    }, 'contenido'],
  ];

  it.each(cases)('refuses %s with a reason and stays unchanged', (_name, make, code) => {
    const chain = freshChain();
    const before = snapshot(chain);
    const verdict = chain.tryAppend(make(chain));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.code).toBe(code);
      expect(verdict.reason.length).toBeGreaterThan(10);
    }
    expect(snapshot(chain)).toEqual(before);
  });

  it('refuses a block that extends an older block, not the tip', () => {
    const chain = freshChain();
    const genesis = chain.tip;
    expect(chain.tryAppend(chain.mineNext(bob.address, [], 1).block).ok).toBe(true);
    const stale = mineBlock({ index: 1, timestamp: 2, previousHash: genesis.hash, transactions: [coinbaseTransaction(mallory.address, 50, 1)], zeroBits: 4 }).block;
    const verdict = chain.tryAppend(stale);
    expect(verdict.ok ? 'ok' : verdict.code).toBe('no-es-la-punta');
  });
});

describe('Chain.checkTransaction on untrusted input', () => {
  it('refuses a correctly signed transaction with a negative amount as malformado', () => {
    const chain = freshChain();
    const negative = signTransaction(alice, { to: bob.address, amount: -5, nonce: 0 });
    expect(verifyHex(alice.address, negative.id, negative.signature)).toBe(true);
    const verdict = chain.checkTransaction(negative);
    expect(verdict.ok ? 'ok' : verdict.code).toBe('malformado');
    expect(verdict.reason).toMatch(/amount/);
    expect(chain.balance(alice.address)).toBe(50);
  });

  it.each([[null], ['tx'], [42], [[]], [{ id: 'x' }], [{ ...signTransaction(alice, { to: bob.address, amount: 1, nonce: 0 }), nonce: -1 }]])('refuses %j as malformado without throwing', (value) => {
    const verdict = freshChain().checkTransaction(value);
    expect(verdict.ok ? 'ok' : verdict.code).toBe('malformado');
    expect(verdict.reason?.length).toBeGreaterThan(10);
  });

  it('still accepts a well-formed payment', () => {
    expect(freshChain().checkTransaction(signTransaction(alice, { to: bob.address, amount: 5, nonce: 0 }))).toEqual({ ok: true });
  });
});

describe('mining', () => {
  it('finds a nonce whose hash has the zero bits asked', () => {
    const { block, attempts } = mineBlock({ index: 0, timestamp: 0, previousHash: ZERO_HASH, transactions: [], zeroBits: 10 });
    expect(block.hash).toBe(blockHash(block));
    expect(parseInt(block.hash.slice(0, 3), 16) >> 2).toBe(0);
    expect(attempts).toBe(block.nonce + 1);
    expect(block.merkleRoot).toBe(merkleRootOf([]));
  });
});

describe('Alice → Bob in six steps', () => {
  it('pays Bob 1, refuses the double spend and the forgeries, and is the same for the same seed', () => {
    const run = aliceToBob({ seed: 5, zeroBits: 6 });
    expect(run.steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const node of run.nodes) expect(node.chain.balance(run.wallets.get('Bob')!.address)).toBe(1);
    expect(run.paymentCheck).toMatchObject({ included: true, confirmations: 3 });
    const text = run.steps.flatMap((s) => s.details).join('\n');
    expect(text).toContain('rechazada (saldo)');
    expect(text).toContain('rechazada (firma)');
    expect(text).toContain('rechazada (contenido)');
    const again = aliceToBob({ seed: 5, zeroBits: 6 });
    expect(again.steps).toEqual(run.steps);
    expect((run.nodes[0]!.chain.blocks as Block[]).map((b) => b.hash)).toEqual(again.nodes[0]!.chain.blocks.map((b) => b.hash));
  });
});
