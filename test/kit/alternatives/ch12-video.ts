// Alternative solutions of exercise 12.3 (bufferBasedBitrate, BBA-0's Algorithm 1), for
// test/kit/exercise-quality.test.ts. Teacher only (the release leaves test/kit/alternatives/ out).
import type { Alternatives } from '../exercise-alternatives';

interface Input { bufferS: number; ladderKbps: number[]; reservoirS: number; cushionS: number; previousKbps: number }

const f = ({ bufferS, ladderKbps, reservoirS, cushionS }: Input) => {
  const rMin = ladderKbps[0] as number;
  const rMax = ladderKbps[ladderKbps.length - 1] as number;
  return rMin + ((rMax - rMin) * (bufferS - reservoirS)) / cushionS;
};
const neighbours = ({ ladderKbps, previousKbps }: Input) => {
  const i = ladderKbps.indexOf(previousKbps);
  return { plus: ladderKbps[Math.min(i + 1, ladderKbps.length - 1)] as number, minus: ladderKbps[Math.max(i - 1, 0)] as number };
};

/** A solution written with the paper's structure; `variant` plants a mistake, `map` computes f(B) in another order. */
function algorithm(input: Input, variant: { reservoirStrict?: boolean; cushionStrict?: boolean; upInclusive?: boolean; downSymmetric?: boolean; noKeep?: boolean } = {}, map: (input: Input) => number = f): number {
  const { bufferS, ladderKbps, reservoirS, cushionS, previousKbps } = input;
  const rMin = ladderKbps[0] as number;
  const rMax = ladderKbps[ladderKbps.length - 1] as number;
  if (variant.reservoirStrict ? bufferS < reservoirS : bufferS <= reservoirS) return rMin;
  if (variant.cushionStrict ? bufferS > reservoirS + cushionS : bufferS >= reservoirS + cushionS) return rMax;
  const rate = map(input);
  if (variant.noKeep) return ladderKbps.filter((x) => x <= rate).pop() ?? rMin;
  const { plus, minus } = neighbours(input);
  if (rate >= plus) return ladderKbps.filter((x) => (variant.upInclusive ? x <= rate : x < rate)).pop() ?? rMin;
  if (rate <= minus) return variant.downSymmetric ? ladderKbps.filter((x) => x < rate).pop() ?? rMin : (ladderKbps.find((x) => x > rate) as number);
  return previousKbps;
}

/** Exercise 12.3: correct, wrong and trivial solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '12.3': {
    fn: 'bufferBasedBitrate',
    correct: {
      'pseudocódigo del artículo': (input: Input) => algorithm(input),
      'índices y bucles': (input: Input) => {
        const { bufferS, ladderKbps: L, reservoirS: r, cushionS: cu, previousKbps: prev } = input;
        const n = L.length;
        if (bufferS <= r) return L[0];
        if (bufferS >= r + cu) return L[n - 1];
        const map = (L[0] as number) + (((L[n - 1] as number) - (L[0] as number)) * (bufferS - r)) / cu;
        const i = L.indexOf(prev);
        const plus = i === n - 1 ? L[n - 1]! : L[i + 1]!;
        const minus = i === 0 ? L[0]! : L[i - 1]!;
        if (map >= plus) {
          let j = n - 1;
          while (j > 0 && L[j]! >= map) j--;
          return L[j];
        }
        if (map <= minus) {
          let j = 0;
          while (j < n - 1 && L[j]! <= map) j++;
          return L[j];
        }
        return prev;
      },
      'f(B) con la fracción primero: (B − r) / cu · (R_max − R_min) + R_min': (input: Input) => {
        const { bufferS, ladderKbps, reservoirS, cushionS } = input;
        const rMin = ladderKbps[0] as number;
        const rMax = ladderKbps[ladderKbps.length - 1] as number;
        return algorithm(input, {}, () => ((bufferS - reservoirS) / cushionS) * (rMax - rMin) + rMin);
      },
      'f(B) como interpolación: R_min · (1 − x) + R_max · x': (input: Input) => {
        const { bufferS, ladderKbps, reservoirS, cushionS } = input;
        const x = (bufferS - reservoirS) / cushionS;
        return algorithm(input, {}, () => (ladderKbps[0] as number) * (1 - x) + (ladderKbps[ladderKbps.length - 1] as number) * x);
      },
    },
    wrong: {
      'reservoir con < (B = r no da R_min)': (input: Input) => algorithm(input, { reservoirStrict: true }),
      'cushion con > (B = r + cu no da R_max)': (input: Input) => algorithm(input, { cushionStrict: true }),
      'sube al peldaño ≤ f(B)': (input: Input) => algorithm(input, { upInclusive: true }),
      'baja al peldaño por debajo de f(B)': (input: Input) => algorithm(input, { downSymmetric: true }),
      'sin histéresis: siempre el mayor peldaño ≤ f(B)': (input: Input) => algorithm(input, { noKeep: true }),
      'f(B) sobre el cushion sin restar el reservoir': (input: Input) => algorithm({ ...input, reservoirS: 0, bufferS: input.bufferS <= input.reservoirS ? -1 : input.bufferS }),
    },
  },
};
