// Alternative solutions of exercises 11.1 (validateChain) and 11.2 (hashMeetsTarget), for
// test/kit/exercise-quality.test.ts. Teacher only (scripts/release.mjs leaves test/kit/alternatives/ out of the student edition).
import { blockHash, leadingZeroBits, merkleRootOf } from '../../../lib/blockchain/block';
import type { Block } from '../../../lib/blockchain/block';
import type { Alternatives } from '../exercise-alternatives';

const ZERO = '0'.repeat(64);
type Check = [string, (b: Block, i: number, prev: string) => boolean];
const CHECKS: Check[] = [
  ['indice', (b, i) => b.index === i],
  ['enlace', (b, _i, prev) => b.previousHash === prev],
  ['contenido', (b) => b.merkleRoot === merkleRootOf(b.transactions)],
  ['hash', (b) => b.hash === blockHash(b)],
  ['trabajo', (b) => leadingZeroBits(b.hash) >= b.zeroBits],
];
function withChecks(checks: Check[], blocks: readonly Block[]) {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const prev = i === 0 ? ZERO : blocks[i - 1]!.hash;
    const failed = checks.find(([, ok]) => !ok(b, i, prev));
    if (failed) return { index: i, reason: failed[0] };
  }
  return null;
}
function target(bits: number): bigint {
  const e = bits >>> 24;
  const m = BigInt(bits & 0x7fffff);
  return e <= 3 ? m >> BigInt(8 * (3 - e)) : m << BigInt(8 * (e - 3));
}

/** Exercises 11.1 and 11.2: correct, wrong and trivial solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '11.1': {
    fn: 'validateChain',
    correct: {
      'tabla de comprobaciones': (blocks: readonly Block[]) => withChecks(CHECKS, blocks),
      'reduce con el hash anterior': (blocks: readonly Block[]) => {
        let previous = ZERO;
        let fault: { index: number; reason: string } | null = null;
        blocks.forEach((b, i) => {
          if (fault !== null) return;
          const reason = b.index !== i ? 'indice' : b.previousHash !== previous ? 'enlace' : b.merkleRoot !== merkleRootOf(b.transactions) ? 'contenido' : b.hash !== blockHash(b) ? 'hash' : leadingZeroBits(b.hash) < b.zeroBits ? 'trabajo' : null;
          if (reason !== null) fault = { index: i, reason };
          previous = b.hash;
        });
        return fault;
      },
    },
    wrong: {
      'hash antes que contenido': (blocks: readonly Block[]) => withChecks([CHECKS[0]!, CHECKS[1]!, CHECKS[3]!, CHECKS[2]!, CHECKS[4]!], blocks),
      'sin comprobar el trabajo': (blocks: readonly Block[]) => withChecks(CHECKS.slice(0, 4), blocks),
      'el génesis no se enlaza': (blocks: readonly Block[]) => withChecks([CHECKS[0]!, ['enlace', (b, i, prev) => i === 0 || b.previousHash === prev], ...CHECKS.slice(2)], blocks),
      'trabajo estricto (más bits de los pedidos)': (blocks: readonly Block[]) => withChecks([...CHECKS.slice(0, 4), ['trabajo', (b) => b.zeroBits === 0 || leadingZeroBits(b.hash) > b.zeroBits]], blocks),
      'el último fallo, no el primero': (blocks: readonly Block[]) => {
        let last: { index: number; reason: string } | null = null;
        blocks.forEach((b, i) => {
          const prev = i === 0 ? ZERO : blocks[i - 1]!.hash;
          const failed = CHECKS.find(([, ok]) => !ok(b, i, prev));
          if (failed) last = { index: i, reason: failed[0] };
        });
        return last;
      },
    },
    trivial: {
      'siempre null': () => null,
      'siempre el bloque 0': () => ({ index: 0, reason: 'hash' }),
    },
  },
  '11.2': {
    fn: 'hashMeetsTarget',
    correct: {
      'BigInt y desplazamientos': (h: string, bits: number) => BigInt(`0x${h}`) <= target(bits),
      'potencias de 256': (h: string, bits: number) => {
        const e = bits >>> 24;
        const m = BigInt(bits & 0x7fffff);
        const t = e >= 3 ? m * 256n ** BigInt(e - 3) : m / 256n ** BigInt(3 - e);
        return BigInt('0x' + h) <= t;
      },
      'texto de 64 dígitos': (h: string, bits: number) => h <= target(bits).toString(16).padStart(64, '0'),
    },
    wrong: {
      'estrictamente menor': (h: string, bits: number) => BigInt(`0x${h}`) < target(bits),
      'con number': (h: string, bits: number) => parseInt(h, 16) <= (bits & 0x7fffff) * 256 ** ((bits >>> 24) - 3),
      'potencias de 2 en vez de 256': (h: string, bits: number) => BigInt(`0x${h}`) <= BigInt(bits & 0x7fffff) << BigInt(Math.max(0, (bits >>> 24) - 3)),
      'mantisa de 4 bytes': (h: string, bits: number) => BigInt(`0x${h}`) <= BigInt(bits >>> 0) << BigInt(8 * Math.max(0, (bits >>> 24) - 3)),
    },
    trivial: {
      'siempre true': () => true,
      'siempre false': () => false,
    },
  },
};
