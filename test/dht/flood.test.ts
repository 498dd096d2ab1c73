// Unstructured search (flooding with a TTL over chapter 04's overlay), the Napster index,
// the experiments' rows and the comparison table.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import { floodSearch, randomOverlay } from '../../lib/dht/flood';
import { NapsterIndex } from '../../lib/dht/hybrid';
import { churnExperiment, closestByXor, floodExperiment, lookupScaling, successorByScan } from '../../lib/dht/experiment';
import { compareLookups } from '../../lib/dht/compare';
import { churnFigure, floodFigure, hopsFigure, messagesFigure } from '../../lib/dht/plots';

/** Reference: breadth-first distances from the source. */
function distances(overlay: ReadonlyMap<string, readonly string[]>, source: string): Map<string, number> {
  const dist = new Map([[source, 0]]);
  const queue = [source];
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head] as string;
    for (const next of overlay.get(at) ?? []) {
      if (!dist.has(next)) {
        dist.set(next, (dist.get(at) ?? 0) + 1);
        queue.push(next);
      }
    }
  }
  return dist;
}

describe('flooding with a TTL', () => {
  it('a query with TTL t reaches exactly the peers within t hops (breadth-first reference, 20 seeds)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const overlay = randomOverlay(200, { contacts: 2, rng: createRng(`inundación-${seed}`) });
      const dist = distances(overlay, 'p7');
      for (const ttl of [0, 1, 2, 3, 5, 8]) {
        const expected = [...dist.values()].filter((d) => d <= ttl).length;
        const result = floodSearch(overlay, 'p7', ttl);
        expect(result.reached, `semilla ${seed}, TTL ${ttl}`).toBe(expected);
        expect(result.byHop.reduce((s, v) => s + v, 0)).toBe(expected);
      }
    }
  });

  it('counts every copy sent: a line overlay costs one message per hop, a triangle sends duplicates', () => {
    const line = new Map([['a', ['b']], ['b', ['a', 'c']], ['c', ['b', 'd']], ['d', ['c']]]);
    expect(floodSearch(line, 'a', 2)).toMatchObject({ reached: 3, messages: 2, byHop: [1, 1, 1] });
    expect(floodSearch(line, 'a', 10)).toMatchObject({ reached: 4, messages: 3 });
    const triangle = new Map([['a', ['b', 'c']], ['b', ['a', 'c']], ['c', ['a', 'b']]]);
    // a → b, a → c; then b → c and c → b (duplicates, dropped but sent).
    expect(floodSearch(triangle, 'a', 2)).toMatchObject({ reached: 3, messages: 4 });
    expect(floodSearch(triangle, 'a', 2, new Set(['c'])).found).toBe(true);
    expect(floodSearch(line, 'a', 2, new Set(['d'])).found).toBe(false);
  });

  it('bad input: an unknown source, a negative or fractional TTL', () => {
    const overlay = randomOverlay(5, { contacts: 1, rng: createRng(1) });
    expect(() => floodSearch(overlay, 'p9', 2)).toThrow(/no está en la red/);
    expect(() => floodSearch(overlay, 'p1', -1)).toThrow(/ttl/);
    expect(() => floodSearch(overlay, 'p1', 1.5)).toThrow(/ttl/);
    expect(() => randomOverlay(0, { contacts: 1, rng: createRng(1) })).toThrow(/peers/);
  });

  it('reach and messages grow with the TTL; past the diameter the messages stop growing', () => {
    const rows = floodExperiment({ seed: 3, peers: 400, ttls: [1, 2, 3, 4, 8, 9], queries: 20, replicas: 4 });
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]?.reached ?? 0).toBeGreaterThanOrEqual(rows[i - 1]?.reached ?? 1);
      expect(rows[i]?.messages ?? 0).toBeGreaterThanOrEqual(rows[i - 1]?.messages ?? 1);
    }
    expect(rows[0]?.reached ?? 1).toBeLessThan(0.05);
    expect(rows[4]?.reached).toBe(1);
    expect(rows[5]?.messages).toBe(rows[4]?.messages);
    expect(rows[4]?.found).toBe(1);
    // A flood that reaches everybody crosses every link both ways but the N − 1 first arrivals.
    expect(rows[4]?.messages, 'semilla 3').toBe(2 * (rows[4]?.edges ?? 0) - (400 - 1));
  });

  it('a full flood sends 2·|E| − (N − 1) messages (10 seeds)', () => {
    for (let seed = 0; seed < 10; seed++) {
      const overlay = randomOverlay(300, { contacts: 3, rng: createRng(`aristas-${seed}`) });
      let degrees = 0;
      for (const n of overlay.values()) degrees += n.length;
      const r = floodSearch(overlay, 'p7', 300);
      expect(r.reached, `semilla ${seed}`).toBe(300);
      expect(r.messages, `semilla ${seed}`).toBe(degrees - (300 - 1));
    }
  });
});

describe('Napster index (hybrid)', () => {
  it('a search is two messages; a dead holder is filtered; a dead index fails every search', () => {
    const index = new NapsterIndex();
    index.publish('p1', ['a.mp3', 'b.mp3']);
    index.publish('p2', ['a.mp3']);
    index.publish('p2', ['a.mp3']);
    expect(index.search('a.mp3')).toEqual({ holders: ['p1', 'p2'], messages: 2 });
    expect(index.search('a.mp3', new Set(['p2'])).holders).toEqual(['p2']);
    expect(index.search('c.mp3').failure).toMatch(/nadie vivo/);
    expect(index.entries).toBe(3);
    index.unpublish('p1');
    expect(index.entries).toBe(1);
    index.crash();
    expect(index.search('a.mp3')).toMatchObject({ holders: [], messages: 0 });
    expect(index.search('a.mp3').failure).toMatch(/índice central está caído/);
    index.recover();
    expect(index.search('a.mp3').holders).toEqual(['p2']);
    expect(() => index.publish('', ['x'])).toThrow(/peer/);
    expect(() => index.publish('p3', 'x' as unknown as string[])).toThrow(/files/);
  });
});

describe('experiments', () => {
  it('lookupScaling: no wrong answer, Chord hops near ½·log₂ N, Kademlia reaches the owner in fewer hops', () => {
    const rows = lookupScaling({ seed: 2, sizes: [64, 512], lookups: 60 });
    for (const row of rows) {
      expect(row.wrong, `semilla 2, N = ${row.n}`).toBe(0);
      expect(Math.abs(row.chordHops - row.halfLog2)).toBeLessThan(1);
      expect(row.kademliaHops).toBeLessThan(row.chordHops);
      expect(row.kademliaMessages).toBeGreaterThan(row.chordMessages);
    }
    expect(rows[1]?.chordHops ?? 0).toBeGreaterThan((rows[0]?.chordHops ?? 0) + 1);
  });

  it('churnExperiment: nothing fails without churn; r = 1 fails more than r = 8; k = 20 least of all', () => {
    const rows = churnExperiment({ seed: 4, n: 300, rates: [0, 0.3], lookups: 80 });
    const at = (system: string, rate: number) => rows.find((r) => r.system === system && r.rate === rate);
    for (const row of rows.filter((r) => r.rate === 0)) expect(row.failed, row.system).toBe(0);
    expect(at('Chord, r = 1', 0.3)?.failed ?? 0).toBeGreaterThan(0.2);
    expect(at('Chord, r = 8', 0.3)?.failed ?? 1).toBeLessThan(at('Chord, r = 1', 0.3)?.failed ?? 0);
    expect(at('Kademlia, k = 20, α = 3', 0.3)?.failed).toBe(0);
    expect(at('Chord, r = 1', 0.3)?.example).toMatch(/caídos/);
    expect(() => churnExperiment({ seed: 1, rates: [1] })).toThrow(/churn/);
  });

  it('the global-view references: successor and XOR-closest by linear scan', () => {
    expect(successorByScan([10, 20, 30], 25)).toBe(30);
    expect(successorByScan([10, 20, 30], 31)).toBe(10);
    expect(successorByScan([], 31)).toBeNull();
    expect(closestByXor([1, 6, 8], 7)).toBe(6);
    expect(closestByXor([], 7)).toBeNull();
  });

  it('figures and the comparison table come from the rows (Spanish labels, log axes)', () => {
    const scaling = lookupScaling({ seed: 1, sizes: [32, 256], lookups: 30 });
    const flood = floodExperiment({ seed: 1, peers: 100, ttls: [1, 2, 6], queries: 5 });
    const churn = churnExperiment({ seed: 1, n: 100, rates: [0.2], lookups: 30 });
    expect(hopsFigure(scaling).layout?.xaxis?.type).toBe('log');
    expect(messagesFigure(scaling).data).toHaveLength(3);
    expect(floodFigure(flood).data[0]?.y).toHaveLength(3);
    expect(churnFigure(churn).data).toHaveLength(4);
    const table = compareLookups({ scaling: scaling[1] as (typeof scaling)[number], flood, churn, peers: 100 });
    expect(table.map((r) => r.Sistema)).toEqual(['Inundación (Gnutella)', 'Chord', 'Kademlia', 'Índice central (Napster)']);
    expect(table[3]?.['Mensajes por búsqueda (medido)']).toMatch(/^2 /);
    expect(table[3]?.['Si se caen nodos']).toMatch(/índice central está caído/);
    expect(table[1]?.['Saltos (medido)']).toMatch(/½·log₂ N = 4/);
  });
});
