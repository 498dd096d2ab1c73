// Alternative solutions of exercise 09.1 (smoothWeightedStep), for test/kit/exercise-quality.test.ts.
// Teacher only (scripts/release.mjs leaves test/kit/alternatives/ out of the student edition).
import type { Alternatives } from '../exercise-alternatives';

type Peer = { name: string; weight: number; current: number };

/** Exercise 09.1: correct, wrong and trivial solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '09.1': {
    fn: 'smoothWeightedStep',
    correct: {
      'bucle con índices': (peers: Peer[]) => {
        const next: Peer[] = [];
        let total = 0;
        let best = -1;
        for (let i = 0; i < peers.length; i++) {
          const p = peers[i]!;
          next.push({ name: p.name, weight: p.weight, current: p.current + p.weight });
          total += p.weight;
          if (best === -1 || next[i]!.current > next[best]!.current) best = i;
        }
        next[best] = { ...next[best]!, current: next[best]!.current - total };
        return { chosen: next[best]!.name, peers: next };
      },
      'Math.max e indexOf': (peers: Peer[]) => {
        const after = peers.map((p) => p.current + p.weight);
        const best = after.indexOf(Math.max(...after));
        const total = peers.reduce((s, p) => s + p.weight, 0);
        return { chosen: peers[best]!.name, peers: peers.map((p, i) => ({ ...p, current: after[i]! - (i === best ? total : 0) })) };
      },
    },
    wrong: {
      'elige antes de sumar': (peers: Peer[]) => {
        let best = 0;
        peers.forEach((p, i) => { if (p.current > peers[best]!.current) best = i; });
        const total = peers.reduce((s, p) => s + p.weight, 0);
        return { chosen: peers[best]!.name, peers: peers.map((p, i) => ({ ...p, current: p.current + p.weight - (i === best ? total : 0) })) };
      },
      'empate al último': (peers: Peer[]) => {
        const after = peers.map((p) => p.current + p.weight);
        const best = after.lastIndexOf(Math.max(...after));
        const total = peers.reduce((s, p) => s + p.weight, 0);
        return { chosen: peers[best]!.name, peers: peers.map((p, i) => ({ ...p, current: after[i]! - (i === best ? total : 0) })) };
      },
      'resta solo su peso': (peers: Peer[]) => {
        const after = peers.map((p) => p.current + p.weight);
        const best = after.indexOf(Math.max(...after));
        return { chosen: peers[best]!.name, peers: peers.map((p, i) => ({ ...p, current: after[i]! - (i === best ? p.weight : 0) })) };
      },
      'un solo servidor → current 0': (peers: Peer[]) => {
        const after = peers.map((p) => p.current + p.weight);
        const best = after.indexOf(Math.max(...after));
        const total = peers.reduce((s, p) => s + p.weight, 0);
        if (peers.length === 1) return { chosen: peers[0]!.name, peers: [{ ...peers[0]!, current: 0 }] };
        return { chosen: peers[best]!.name, peers: peers.map((p, i) => ({ ...p, current: after[i]! - (i === best ? total : 0) })) };
      },
      'modifica los objetos de peers': (peers: Peer[]) => {
        let total = 0;
        for (const p of peers) { p.current += p.weight; total += p.weight; }
        const best = peers.reduce((b, p, i) => (p.current > peers[b]!.current ? i : b), 0);
        peers[best]!.current -= total;
        return { chosen: peers[best]!.name, peers: [...peers] };
      },
    },
    trivial: {
      'el primero, peers tal cual': (peers: Peer[]) => ({ chosen: peers[0]!.name, peers }),
      'el de más peso': (peers: Peer[]) => ({ chosen: peers.reduce((b, p) => (p.weight > b.weight ? p : b)).name, peers: peers.map((p) => ({ ...p })) }),
    },
  },
};
