// Alternative solutions of exercise 10.3 (xorBucket), for test/kit/exercise-quality.test.ts.
// Teacher only (scripts/release.mjs leaves test/kit/alternatives/ out of the student edition).
import type { Alternatives } from '../exercise-alternatives';

/** Exercise 10.3: correct, wrong and trivial solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '10.3': {
    fn: 'xorBucket',
    correct: {
      'clz32': (a: number, b: number) => {
        const distance = (a ^ b) >>> 0;
        return { distance, bucket: distance === 0 ? null : 31 - Math.clz32(distance) };
      },
      'bucle de desplazamientos': (a: number, b: number) => {
        const distance = (a ^ b) >>> 0;
        let bucket: number | null = null;
        for (let d = distance, i = 0; d > 0; d = Math.floor(d / 2), i++) bucket = i;
        return { distance, bucket };
      },
      'texto binario': (a: number, b: number) => {
        const distance = (a ^ b) >>> 0;
        return { distance, bucket: distance === 0 ? null : distance.toString(2).length - 1 };
      },
    },
    wrong: {
      'XOR con signo': (a: number, b: number) => {
        const distance = a ^ b;
        return { distance, bucket: distance === 0 ? null : 31 - Math.clz32(distance) };
      },
      'cuenta desde el bit más alto': (a: number, b: number, bits: number) => {
        const distance = (a ^ b) >>> 0;
        return { distance, bucket: distance === 0 ? null : bits - 1 - (31 - Math.clz32(distance)) };
      },
      'longitud en bits (uno de más)': (a: number, b: number) => {
        const distance = (a ^ b) >>> 0;
        return { distance, bucket: distance === 0 ? null : distance.toString(2).length };
      },
      'iguales al bucket 0': (a: number, b: number) => {
        const distance = (a ^ b) >>> 0;
        return { distance, bucket: distance === 0 ? 0 : 31 - Math.clz32(distance) };
      },
      'bucket 0 siempre': (a: number, b: number) => ({ distance: (a ^ b) >>> 0, bucket: 0 }),
      'resta en vez de XOR': (a: number, b: number) => {
        const distance = Math.abs(a - b);
        return { distance, bucket: distance === 0 ? null : Math.floor(Math.log2(distance)) };
      },
    },
    trivial: {
      'distancia 0 siempre': () => ({ distance: 0, bucket: null }),
      'devuelve selfId': (a: number) => a,
    },
  },
};
