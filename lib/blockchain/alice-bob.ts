/**
 * The lecture's "Alice sends 1 bitcoin to Bob" in its six steps, end to end, with real Ed25519
 * signatures, three full nodes that check everything themselves, a miner, a double spend that
 * is refused, and Bob's light node that checks the payment with a Merkle proof.
 */
import { signTransaction, transactionId } from './block';
import type { Block, Transaction } from './block';
import type { Verdict } from './chain';
import { FullNode, LightNode } from './nodes';
import type { PaymentCheck } from './nodes';
import { createWallet, signHex } from './wallet';
import type { Wallet } from './wallet';
import { createRng } from '../random/rng';

/** One of the six steps: its title (the lecture's words) and what happened, in Spanish. */
export interface PaymentStep {
  readonly step: number;
  readonly title: string;
  readonly details: readonly string[];
}

/** Everything the six steps produced, for tables and further cells. */
export interface AliceBobRun {
  readonly steps: readonly PaymentStep[];
  readonly wallets: ReadonlyMap<string, Wallet>;
  readonly nodes: readonly FullNode[];
  readonly light: LightNode;
  readonly payment: Transaction;
  readonly paymentCheck: PaymentCheck;
  /** Hashes tried by the miner per block. */
  readonly attempts: readonly number[];
}

const short = (hex: string) => `${hex.slice(0, 10)}…`;
const verdictText = (v: Verdict) => (v.ok ? 'aceptada' : `rechazada (${v.code}): ${v.reason}`);

/**
 * Runs the six steps with wallets drawn from `seed` and blocks asking `zeroBits` zero bits.
 *
 * @example
 * const run = aliceToBob({ seed: 11 });
 * run.steps.map((s) => s.title); // the lecture's six steps
 */
export function aliceToBob(options: { seed: number | string; zeroBits?: number }): AliceBobRun {
  const rng = createRng(options.seed);
  const zeroBits = options.zeroBits ?? 10;
  const names = ['Alice', 'Bob', 'Carlos', 'Diana', 'Minera', 'Mallory'];
  const wallets = new Map(names.map((n) => [n, createWallet(n, rng.fork(n))] as const));
  const w = (n: string) => wallets.get(n) as Wallet;
  const nodes = ['n1', 'n2', 'n3'].map((n) => new FullNode(n, { zeroBits, genesisTo: w('Alice').address }));
  const [miner] = nodes as [FullNode, ...FullNode[]];
  const steps: PaymentStep[] = [];
  const attempts: number[] = [];

  // 1. Alice signs the payment in her wallet.
  const payment = signTransaction(w('Alice'), { to: w('Bob').address, amount: 1, nonce: 0 });
  steps.push({ step: 1, title: 'Alice inicia la transacción en su wallet', details: [
    `Alice (saldo ${miner.chain.balance(w('Alice').address)}) firma «1 a Bob» con su clave privada Ed25519`,
    `id ${short(payment.id)} = SHA-256 de {from, to, amount, nonce}; firma ${short(payment.signature)} (64 bytes)`,
  ] });

  // 2. The payment reaches every node; each checks it on its own, as do two forgeries.
  const forgedAmount: Transaction = { ...payment, amount: 10 };
  const stolenBody = { from: w('Alice').address, to: w('Mallory').address, amount: 5, nonce: 7 };
  const stolenId = transactionId(stolenBody);
  const stolen: Transaction = { id: stolenId, ...stolenBody, signature: signHex(w('Mallory'), stolenId) };
  steps.push({ step: 2, title: 'La transacción se transmite a la red de nodos', details: [
    ...nodes.map((n) => `${n.name}: el pago de Alice → ${verdictText(n.chain.checkTransaction(payment))}`),
    `${miner.name}: el mismo pago con amount cambiado a 10 → ${verdictText(miner.chain.checkTransaction(forgedAmount))}`,
    `${miner.name}: Mallory firma «Alice paga 5 a Mallory» con su clave → ${verdictText(miner.chain.checkTransaction(stolen))}`,
  ] });

  // 3–4. The miner checks the pool, leaves out the double spend, and mines a block.
  const toCarlos = signTransaction(w('Alice'), { to: w('Carlos').address, amount: 2, nonce: 1 });
  const doubleSpend = signTransaction(w('Alice'), { to: w('Diana').address, amount: 48, nonce: 2 });
  const pool = [payment, toCarlos, doubleSpend];
  const chosen: Transaction[] = [];
  const pending = new Map([[w('Alice').address, miner.chain.balance(w('Alice').address)]]);
  const poolLines: string[] = [];
  for (const tx of pool) {
    const verdict = miner.chain.checkTransaction(tx, pending);
    poolLines.push(`${tx.amount} a ${names.find((n) => w(n).address === tx.to)}: ${verdictText(verdict)}`);
    if (verdict.ok) { chosen.push(tx); pending.set(tx.from, (pending.get(tx.from) ?? 0) - tx.amount); }
  }
  const mined = miner.chain.mineNext(w('Minera').address, chosen, 600_000);
  attempts.push(mined.attempts);
  steps.push({ step: 3, title: 'Mineros o validadores verifican la transacción con el mecanismo de consenso', details: [
    `Minera (en ${miner.name}) revisa las pendientes contra el saldo que quedaría:`, ...poolLines.map((l) => `  ${l}`),
    `prueba de trabajo: ${mined.attempts} intentos hasta un hash con ${zeroBits} bits a cero: ${short(mined.block.hash)}`,
  ] });
  const block1: Block = mined.block;
  steps.push({ step: 4, title: 'Si es válida, se agrupa en un bloque con otras transacciones', details: [
    `bloque ${block1.index}: ${block1.transactions.length} transacciones (coinbase de 50 para Minera, el pago a Bob, 2 a Carlos); merkleRoot ${short(block1.merkleRoot)}`,
    `el doble gasto de Alice (48 a Diana con solo ${50 - 3} de saldo) no entra`,
  ] });

  // 5. Every node checks the block itself and appends it; two more blocks bury it.
  const appendLines = nodes.map((n) => `${n.name}: bloque ${block1.index} ${verdictText(n.receiveBlock(block1))}`);
  const cheat = miner.chain.mineNext(w('Minera').address, [doubleSpend, doubleSpend], 1_200_000);
  appendLines.push(`n2: un bloque que mete dos veces el pago a Diana → ${verdictText((nodes[1] as FullNode).receiveBlock(cheat.block))}; la cadena de n2 sigue con ${(nodes[1] as FullNode).chain.blocks.length} bloques`);
  for (let k = 2; k <= 3; k++) {
    const next = miner.chain.mineNext(w('Minera').address, [], 600_000 * k);
    attempts.push(next.attempts);
    for (const n of nodes) n.receiveBlock(next.block);
  }
  steps.push({ step: 5, title: 'El bloque se agrega a la cadena y la transacción es confirmada', details: [...appendLines, `dos bloques más encima: el pago tiene ${miner.chain.blocks.length - block1.index} confirmaciones`] });

  // 6. Bob sees it: on a full node's ledger, and from his light node with a Merkle proof.
  const light = new LightNode('cartera de Bob', zeroBits);
  light.syncFrom(miner);
  const paymentCheck = light.verifyPayment(miner.proofFor(payment.id));
  const fake = light.verifyPayment({ txId: transactionId(forgedAmount), blockIndex: 1, proof: miner.proofFor(payment.id)?.proof ?? [] });
  steps.push({ step: 6, title: 'Bob recibe su 1 Bitcoin', details: [
    ...nodes.map((n) => `${n.name}: saldo de Bob ${n.chain.balance(w('Bob').address)}, de Alice ${n.chain.balance(w('Alice').address)}, de Carlos ${n.chain.balance(w('Carlos').address)}`),
    `nodo ligero de Bob (${light.height} cabeceras, ${light.storedBytes()} bytes frente a ${miner.storedBytes()} del nodo completo): ${paymentCheck.reason}`,
    `la misma prueba presentada para el pago falsificado de 10: ${fake.reason}`,
  ] });
  return { steps, wallets, nodes, light, payment, paymentCheck, attempts };
}
