// Alternative solutions of exercise 12.1 (pageRankStep), for test/kit/exercise-quality.test.ts.
// Teacher only (the release leaves test/kit/alternatives/ out).
import type { Alternatives } from '../exercise-alternatives';

type Links = Map<string, string[]>;
type Ranks = Map<string, number>;

/** Exercise 12.1: correct and wrong solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '12.1': {
    fn: 'pageRankStep',
    correct: {
      'empuja las contribuciones (bucle sobre orígenes)': (links: Links, ranks: Ranks, d: number) => {
        const n = links.size;
        const incoming = new Map<string, number>([...links.keys()].map((k) => [k, 0]));
        let dangling = 0;
        for (const [u, targets] of links) {
          if (targets.length === 0) dangling += ranks.get(u) as number;
          for (const t of targets) incoming.set(t, (incoming.get(t) as number) + (ranks.get(u) as number) / targets.length);
        }
        return new Map([...incoming].map(([v, s]) => [v, (1 - d) / n + d * (s + dangling / n)]));
      },
      'tira de las contribuciones (bucle sobre destinos)': (links: Links, ranks: Ranks, d: number) => {
        const nodes = [...links.keys()];
        const n = nodes.length;
        const dangling = nodes.filter((u) => links.get(u)?.length === 0).reduce((s, u) => s + (ranks.get(u) as number), 0);
        const next = new Map<string, number>();
        for (const v of nodes) {
          let s = 0;
          for (const u of nodes) {
            const list = links.get(u) as string[];
            s += (list.filter((t) => t === v).length * (ranks.get(u) as number)) / (list.length || 1);
          }
          next.set(v, (1 - d) / n + d * s + (d * dangling) / n);
        }
        return next;
      },
    },
    wrong: {
      'olvida a los colgantes': (links: Links, ranks: Ranks, d: number) => {
        const n = links.size;
        const incoming = new Map<string, number>([...links.keys()].map((k) => [k, 0]));
        for (const [u, targets] of links) for (const t of targets) incoming.set(t, (incoming.get(t) as number) + (ranks.get(u) as number) / targets.length);
        return new Map([...incoming].map(([v, s]) => [v, (1 - d) / n + d * s]));
      },
      'reparte D solo entre los no colgantes': (links: Links, ranks: Ranks, d: number) => {
        const n = links.size;
        const incoming = new Map<string, number>([...links.keys()].map((k) => [k, 0]));
        let dangling = 0;
        for (const [u, targets] of links) {
          if (targets.length === 0) dangling += ranks.get(u) as number;
          for (const t of targets) incoming.set(t, (incoming.get(t) as number) + (ranks.get(u) as number) / targets.length);
        }
        const receivers = [...links.values()].filter((l) => l.length > 0).length;
        return new Map([...incoming].map(([v, s]) => [v, (1 - d) / n + d * (s + ((links.get(v)?.length ?? 0) > 0 && receivers > 0 ? dangling / receivers : 0))]));
      },
      'quita los enlaces repetidos': (links: Links, ranks: Ranks, d: number) => {
        const n = links.size;
        const incoming = new Map<string, number>([...links.keys()].map((k) => [k, 0]));
        let dangling = 0;
        for (const [u, list] of links) {
          const targets = [...new Set(list)];
          if (targets.length === 0) dangling += ranks.get(u) as number;
          for (const t of targets) incoming.set(t, (incoming.get(t) as number) + (ranks.get(u) as number) / targets.length);
        }
        return new Map([...incoming].map(([v, s]) => [v, (1 - d) / n + d * (s + dangling / n)]));
      },
      'actualiza ranks sobre la marcha (Gauss–Seidel)': (links: Links, ranks: Ranks, d: number) => {
        const n = links.size;
        const nodes = [...links.keys()];
        const dangling = nodes.filter((u) => links.get(u)?.length === 0).reduce((s, u) => s + (ranks.get(u) as number), 0);
        const current = new Map(ranks);
        for (const v of nodes) {
          let s = 0;
          for (const u of nodes) {
            const list = links.get(u) as string[];
            for (const t of list) if (t === v) s += (current.get(u) as number) / list.length;
          }
          current.set(v, (1 - d) / n + d * (s + dangling / n));
        }
        return new Map(nodes.map((v) => [v, current.get(v) as number]));
      },
      '(1 − d) sin dividir entre N': (links: Links, ranks: Ranks, d: number) => {
        const n = links.size;
        const incoming = new Map<string, number>([...links.keys()].map((k) => [k, 0]));
        let dangling = 0;
        for (const [u, targets] of links) {
          if (targets.length === 0) dangling += ranks.get(u) as number;
          for (const t of targets) incoming.set(t, (incoming.get(t) as number) + (ranks.get(u) as number) / targets.length);
        }
        return new Map([...incoming].map(([v, s]) => [v, 1 - d + d * (s + dangling / n)]));
      },
      'claves ordenadas alfabéticamente': (links: Links, ranks: Ranks, d: number) => {
        const n = links.size;
        const incoming = new Map<string, number>([...links.keys()].sort().map((k) => [k, 0]));
        let dangling = 0;
        for (const [u, targets] of links) {
          if (targets.length === 0) dangling += ranks.get(u) as number;
          for (const t of targets) incoming.set(t, (incoming.get(t) as number) + (ranks.get(u) as number) / targets.length);
        }
        return new Map([...incoming].map(([v, s]) => [v, (1 - d) / n + d * (s + dangling / n)]));
      },
      'escribe el resultado en ranks': (links: Links, ranks: Ranks, d: number) => {
        const n = links.size;
        const incoming = new Map<string, number>([...links.keys()].map((k) => [k, 0]));
        let dangling = 0;
        for (const [u, targets] of links) {
          if (targets.length === 0) dangling += ranks.get(u) as number;
          for (const t of targets) incoming.set(t, (incoming.get(t) as number) + (ranks.get(u) as number) / targets.length);
        }
        for (const [v, s] of incoming) ranks.set(v, (1 - d) / n + d * (s + dangling / n));
        return ranks;
      },
    },
  },
};
