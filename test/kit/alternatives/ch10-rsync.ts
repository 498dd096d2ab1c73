// Alternative solutions of exercise 10.1 (rollChecksum), for test/kit/exercise-quality.test.ts.
// Teacher only (scripts/release.mjs leaves test/kit/alternatives/ out of the student edition).
import type { Alternatives } from '../exercise-alternatives';

const signed = (b: number) => (b >= 128 ? b - 256 : b);
const mod = (x: number) => ((x % 65536) + 65536) % 65536;

/** Exercise 10.1: correct, wrong and trivial solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '10.1': {
    fn: 'rollChecksum',
    correct: {
      'máscaras y >>> 0': (checksum: number, outByte: number, inByte: number, L: number) => {
        const out = signed(outByte);
        const s1 = ((checksum & 0xffff) - out + signed(inByte)) & 0xffff;
        const s2 = ((checksum >>> 16) - L * out + s1) & 0xffff;
        return (s1 | (s2 << 16)) >>> 0;
      },
      'módulo positivo': (checksum: number, outByte: number, inByte: number, L: number) => {
        const s1 = mod((checksum % 65536) - signed(outByte) + signed(inByte));
        const s2 = mod(Math.floor(checksum / 65536) - L * signed(outByte) + s1);
        return s1 + s2 * 65536;
      },
      'Int8Array': (checksum: number, outByte: number, inByte: number, L: number) => {
        const [out, inc] = Int8Array.from([outByte, inByte]) as unknown as [number, number];
        const s1 = (checksum - out + inc) & 0xffff;
        const s2 = ((checksum >>> 16) - L * out + s1) & 0xffff;
        return s1 + s2 * 65536;
      },
    },
    wrong: {
      'bytes sin signo': (checksum: number, outByte: number, inByte: number, L: number) => {
        const s1 = ((checksum & 0xffff) - outByte + inByte) & 0xffff;
        const s2 = ((checksum >>> 16) - L * outByte + s1) & 0xffff;
        return (s1 | (s2 << 16)) >>> 0;
      },
      'sin >>> 0 (negativo)': (checksum: number, outByte: number, inByte: number, L: number) => {
        const s1 = ((checksum & 0xffff) - signed(outByte) + signed(inByte)) & 0xffff;
        const s2 = ((checksum >>> 16) - L * signed(outByte) + s1) & 0xffff;
        return s1 | (s2 << 16);
      },
      's2 con el s1 viejo': (checksum: number, outByte: number, inByte: number, L: number) => {
        const old = checksum & 0xffff;
        const s1 = (old - signed(outByte) + signed(inByte)) & 0xffff;
        const s2 = ((checksum >>> 16) - L * signed(outByte) + old) & 0xffff;
        return (s1 | (s2 << 16)) >>> 0;
      },
      '% sin arreglar negativos': (checksum: number, outByte: number, inByte: number, L: number) => {
        const s1 = ((checksum % 65536) - signed(outByte) + signed(inByte)) % 65536;
        const s2 = (Math.floor(checksum / 65536) - L * signed(outByte) + s1) % 65536;
        return s1 + s2 * 65536;
      },
      '(L − 1) veces el que sale': (checksum: number, outByte: number, inByte: number, L: number) => {
        const s1 = ((checksum & 0xffff) - signed(outByte) + signed(inByte)) & 0xffff;
        const s2 = ((checksum >>> 16) - (L - 1) * signed(outByte) + s1) & 0xffff;
        return (s1 | (s2 << 16)) >>> 0;
      },
    },
    trivial: {
      'la suma tal cual': (checksum: number) => checksum,
      'cero': () => 0,
      'solo el byte que entra': (_c: number, _o: number, inByte: number) => inByte,
    },
  },
};
