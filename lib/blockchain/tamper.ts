/**
 * Tamper detection, shown: a valid chain, then one transaction of block k changed, step by step
 * further (recompute the Merkle root and hash, re-mine block k, re-mine every later block), with
 * the status of every block after each step and the work the forger had to redo.
 */
import { blockHash, leadingZeroBits, merkleRootOf, mineBlock } from './block';
import type { Block } from './block';
import { Chain } from './chain';
import { signTransaction } from './block';
import { createWallet } from './wallet';
import { chainStatus, BLOCK_STATUS_TEXT } from './validate';
import type { BlockStatus } from './validate';
import type { Figure } from '../plot/figure';
import { seriesColor } from '../plot/charts';
import { createRng } from '../random/rng';

/** One version of the chain and the status of each of its blocks. */
export interface TamperStep {
  readonly label: string;
  readonly blocks: readonly Block[];
  readonly status: readonly BlockStatus[];
  /** Hashes the forger computed to get here. */
  readonly forgerAttempts: number;
}

/** A valid chain of `length` blocks, each with one signed payment, mined at `zeroBits`. */
export function demoChain(options: { seed: number | string; length: number; zeroBits: number }): Block[] {
  const rng = createRng(options.seed);
  const alice = createWallet('Alice', rng.fork('Alice'));
  const bob = createWallet('Bob', rng.fork('Bob'));
  const chain = new Chain({ zeroBits: options.zeroBits, genesisTo: alice.address });
  for (let i = 1; i < options.length; i++) {
    const pay = signTransaction(alice, { to: bob.address, amount: 1 + (i % 3), nonce: i });
    const { block } = chain.mineNext(bob.address, [pay], i * 600_000);
    const verdict = chain.tryAppend(block);
    if (!verdict.ok) throw new Error(verdict.reason);
  }
  return chain.blocks;
}

/** Re-mines `block` (after an edit) on top of `previousHash`: a new nonce and hash. */
function remine(block: Block, previousHash: string): { block: Block; attempts: number } {
  return mineBlock({ index: block.index, timestamp: block.timestamp, previousHash, transactions: block.transactions, zeroBits: block.zeroBits });
}

/**
 * The forger's ladder on `blocks`: change the amount of the last transaction of block `k`, then
 * fix what the check says, one step at a time.
 *
 * @example
 * tamperSteps(demoChain({ seed: 1, length: 8, zeroBits: 8 }), 3).map((s) => s.status);
 */
export function tamperSteps(blocks: readonly Block[], k: number): TamperStep[] {
  const target = blocks[k];
  if (target === undefined || target.transactions.length === 0) throw new RangeError(`no hay un bloque ${k} con transacciones`);
  const steps: TamperStep[] = [{ label: 'cadena original', blocks, status: chainStatus(blocks), forgerAttempts: 0 }];
  const txs = [...target.transactions];
  const last = txs[txs.length - 1] as (typeof txs)[number];
  txs[txs.length - 1] = { ...last, amount: last.amount + 100 };
  const edited: Block = { ...target, transactions: txs };
  const with1 = blocks.map((b, i) => (i === k ? edited : b));
  steps.push({ label: `cambia una transacción del bloque ${k}`, blocks: with1, status: chainStatus(with1), forgerAttempts: 0 });
  const rehashedHeader = { ...edited, merkleRoot: merkleRootOf(txs) };
  const rehashed: Block = { ...rehashedHeader, hash: blockHash(rehashedHeader) };
  const with2 = blocks.map((b, i) => (i === k ? rehashed : b));
  steps.push({ label: 'y recalcula merkleRoot y hash', blocks: with2, status: chainStatus(with2), forgerAttempts: 1 });
  const remined = remine(rehashed, rehashed.previousHash);
  const with3 = blocks.map((b, i) => (i === k ? remined.block : b));
  steps.push({ label: `y vuelve a minar el bloque ${k}`, blocks: with3, status: chainStatus(with3), forgerAttempts: remined.attempts });
  const all: Block[] = blocks.slice(0, k).concat([remined.block]);
  let attempts = remined.attempts;
  for (let i = k + 1; i < blocks.length; i++) {
    const again = remine(blocks[i] as Block, (all[i - 1] as Block).hash);
    attempts += again.attempts;
    all.push(again.block);
  }
  steps.push({ label: `y vuelve a minar todos desde el ${k}`, blocks: all, status: chainStatus(all), forgerAttempts: attempts });
  return steps;
}

// The theme's green and vermillion (Okabe–Ito): told apart also with red–green colour blindness.
const GREEN = seriesColor(2);
const RED = seriesColor(3);

/**
 * The chain as a picture, one row per step: a square per block, a link per previous hash,
 * green when the block is valid, red from the first bad one on.
 *
 * @example
 * show(tamperFigure(tamperSteps(demoChain({ seed: 1, length: 8, zeroBits: 8 }), 3)));
 */
export function tamperFigure(steps: readonly TamperStep[]): Figure {
  const data: Figure['data'] = [];
  const rows = steps.length;
  steps.forEach((step, r) => {
    const y = rows - 1 - r;
    step.status.forEach((status, i) => {
      if (i === 0) return;
      const ok = status === 'valido';
      data.push({ type: 'scatter', mode: 'lines', x: [i - 1, i], y: [y, y], line: { color: ok ? GREEN : RED, width: ok ? 3 : 5 }, hoverinfo: 'skip', showlegend: false });
    });
    data.push({
      type: 'scatter', mode: 'markers+text', x: step.status.map((_, i) => i), y: step.status.map(() => y), showlegend: false,
      marker: { symbol: 'square', size: 22, color: step.status.map((s) => (s === 'valido' ? GREEN : RED)), line: { color: '#333', width: 1 } },
      text: step.status.map((s) => (s === 'valido' ? '✓' : s === 'tras-un-fallo' ? '·' : '✗')), textfont: { color: 'white' },
      hovertext: step.status.map((s, i) => `bloque ${i}: ${BLOCK_STATUS_TEXT[s]} · hash ${(step.blocks[i] as Block).hash.slice(0, 12)}… (${leadingZeroBits((step.blocks[i] as Block).hash)} bits a cero)`),
      hoverinfo: 'text',
    });
  });
  data.push({ type: 'scatter', mode: 'markers', x: [null], y: [null], name: 'válido (enlace correcto)', marker: { symbol: 'square', color: GREEN, size: 12 } });
  data.push({ type: 'scatter', mode: 'markers', x: [null], y: [null], name: 'inválido o cuelga de uno inválido', marker: { symbol: 'square', color: RED, size: 12 } });
  const blocksCount = steps[0]?.status.length ?? 0;
  return {
    data,
    layout: {
      title: 'Manipular un bloque rompe todos los que le siguen',
      xaxis: { title: 'bloque (índice)', tickmode: 'linear', dtick: 1, range: [-0.6, blocksCount - 0.4] },
      yaxis: { tickmode: 'array', tickvals: steps.map((_, r) => rows - 1 - r), ticktext: steps.map((s) => s.label), range: [-0.6, rows - 0.4] },
      height: 120 + 60 * rows,
      margin: { l: 260 },
    },
  };
}
