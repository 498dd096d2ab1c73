import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import { Simulation } from '../../lib/sim/simulation';
import { latency } from '../../lib/sim/network';
import type { Effect, NodeContext } from '../../lib/sim/types';
import { MemoryDurableStore } from '../../lib/sim/durable';
import { floodOnChat } from '../../lib/p2p/exercises';
import type { P2PMessage } from '../../lib/p2p/messages';
import { bootstrapLists, isConnected, overlayEdges } from '../../lib/p2p/overlay';
import { floodRule, P2PPeer } from '../../lib/p2p/peer';
import type { P2PPeerOptions } from '../../lib/p2p/peer';

const context = (id: string): NodeContext => ({ id, nodeIds: [id], rng: createRng(id), durable: new MemoryDurableStore() });
const sends = (effects: Effect<P2PMessage>[]) => effects.filter((e) => e.type === 'send').map((e) => (e.type === 'send' ? `${e.to}:${e.message.type}` : ''));
const labels = (effects: Effect<P2PMessage>[]) => effects.filter((e) => e.type === 'output').map((e) => (e.type === 'output' ? e.label : ''));
const chat = (id: string, origin: string) => ({ type: 'Chat' as const, id, origin, text: 'hola' });

function peer(options: Partial<P2PPeerOptions> & { neighbours?: string[] } = {}): P2PPeer {
  const node = new P2PPeer(context('p1'), { bootstrap: options.neighbours ?? ['p2', 'p3', 'p4'], ...options });
  node.start();
  return node;
}

describe('P2PPeer, the flood with de-duplication', () => {
  it('joins its bootstrap peers at start: a Join to each, and they become neighbours', () => {
    const node = new P2PPeer(context('p1'), { bootstrap: ['p2', 'p3'] });
    expect(sends(node.start())).toEqual(['p2:Join', 'p3:Join']);
    expect(node.neighbours).toEqual(['p2', 'p3']);
    expect(node.status).toBe('online');
  });

  it('shows a new message once and forwards it to every neighbour but the sender and the origin', () => {
    const node = peer({ neighbours: ['p2', 'p3', 'p4', 'p5'] });
    const effects = node.step({ type: 'message', from: 'p3', message: chat('p2#1', 'p2') });
    expect(labels(effects)).toEqual(['deliver']);
    expect(sends(effects)).toEqual(['p4:Chat', 'p5:Chat']);
    const again = node.step({ type: 'message', from: 'p4', message: chat('p2#1', 'p2') });
    expect(labels(again)).toEqual(['duplicate']);
    expect(sends(again)).toEqual([]);
    expect(node.delivered.map((c) => c.id)).toEqual(['p2#1']);
    expect(node.duplicates).toBe(1);
  });

  it('posts a line with a fresh id, shows it locally and floods it', () => {
    const node = peer();
    const effects = node.step({ type: 'message', from: 'p1', message: { type: 'Post', text: 'hola' } });
    expect(sends(effects)).toEqual(['p2:Chat', 'p3:Chat', 'p4:Chat']);
    expect(node.delivered).toEqual([{ type: 'Chat', id: 'p1#1', origin: 'p1', text: 'hola' }]);
    node.step({ type: 'message', from: 'p1', message: { type: 'Post', text: 'otra' } });
    expect(node.delivered.map((c) => c.id)).toEqual(['p1#1', 'p1#2']);
  });

  it('forwards to at most `fanout` neighbours, chosen among the candidates', () => {
    const node = peer({ neighbours: ['p2', 'p3', 'p4', 'p5', 'p6'], fanout: 2 });
    const targets = sends(node.step({ type: 'message', from: 'p2', message: chat('p9#1', 'p9') }));
    expect(targets).toHaveLength(2);
    for (const t of targets) expect(['p3:Chat', 'p4:Chat', 'p5:Chat', 'p6:Chat']).toContain(t);
  });

  it('learns a neighbour from Join and forgets it on Leave', () => {
    const node = peer({ neighbours: ['p2'] });
    node.step({ type: 'message', from: 'p7', message: { type: 'Join', peer: 'p7' } });
    expect(node.neighbours).toEqual(['p2', 'p7']);
    node.step({ type: 'message', from: 'p2', message: { type: 'Leave', peer: 'p2' } });
    expect(node.neighbours).toEqual(['p7']);
    expect(sends(node.step({ type: 'message', from: 'p1', message: { type: 'Post', text: 'x' } }))).toEqual(['p7:Chat']);
  });

  it('a peer that has not joined yet, or has left, ignores messages', () => {
    const late = new P2PPeer(context('p1'), { bootstrap: ['p2'], joinAtMs: 500 });
    late.start();
    expect(late.step({ type: 'message', from: 'p2', message: chat('p2#1', 'p2') })).toEqual([]);
    expect(sends(late.step({ type: 'timer', name: 'join' }))).toEqual(['p2:Join']);
    const leaving = peer({ neighbours: ['p2', 'p3'] });
    expect(sends(leaving.step({ type: 'timer', name: 'leave' }))).toEqual(['p2:Leave', 'p3:Leave']);
    expect(leaving.step({ type: 'message', from: 'p2', message: chat('p2#1', 'p2') })).toEqual([]);
    expect(labels(leaving.step({ type: 'message', from: 'p1', message: { type: 'Post', text: 'x' } }))).toEqual([]);
  });

  it('with reliable links, acks what it receives and retransmits until acked, then gives a silent neighbour up', () => {
    const node = peer({ neighbours: ['p2'], reliable: true, maxRetransmits: 2 });
    const acked = node.step({ type: 'message', from: 'p2', message: { ...chat('p2#1', 'p2'), linkSeq: 9 } });
    expect(sends(acked)[0]).toBe('p2:Ack');
    // The Join to p2 was never acked: two retransmissions, then p2 is given up.
    expect(sends(node.step({ type: 'timer', name: 'retransmit' }))).toEqual(['p2:Join']);
    expect(sends(node.step({ type: 'timer', name: 'retransmit' }))).toEqual(['p2:Join']);
    expect(labels(node.step({ type: 'timer', name: 'retransmit' }))).toEqual(['giveUp']);
    expect(node.neighbours).toEqual([]);
  });

  it('an acked message is not retransmitted', () => {
    const node = peer({ neighbours: ['p2'], reliable: true });
    node.step({ type: 'message', from: 'p2', message: { type: 'Ack', linkSeq: 0 } });
    expect(sends(node.step({ type: 'timer', name: 'retransmit' }))).toEqual([]);
  });

  it('uses an injected flood rule (the exercise) instead of its own', () => {
    let calls = 0;
    const node = peer({ onChat: (seen, m, from, ns) => (calls++, floodOnChat(seen, m, from, ns)) });
    node.step({ type: 'message', from: 'p2', message: chat('p2#1', 'p2') });
    expect(calls).toBe(1);
    expect(node.seen.has('p2#1')).toBe(true);
  });

  it.each([
    [{ fanout: 0 }, "fanout debe ser 'all' o un entero ≥ 1, es 0"],
    [{ fanout: 1.5 }, "fanout debe ser 'all' o un entero ≥ 1, es 1.5"],
    [{ retransmitMs: 0 }, 'retransmitMs debe ser > 0'],
    [{ joinAtMs: Number.NaN }, 'joinAtMs debe ser un número ≥ 0'],
    [{ maxRetransmits: -1 }, 'maxRetransmits debe ser un entero ≥ 0'],
    [{ bootstrap: 'p2' }, 'bootstrap debe ser una lista'],
  ])('rejects the options %j with a clear error', (bad, message) => {
    expect(() => new P2PPeer(context('p1'), { bootstrap: [], ...(bad as object) } as P2PPeerOptions)).toThrow(message);
  });

  it('the kit rule does not modify its arguments', () => {
    const seen = new Set(['a']);
    const neighbours = ['p2', 'p3'];
    const result = floodRule(seen, { id: 'b', origin: 'p3' }, 'p2', neighbours);
    expect([...seen]).toEqual(['a']);
    expect([...result.seen]).toEqual(['a', 'b']);
    expect(result.forwardTo).toEqual([]);
  });
});

describe('bootstrap overlay', () => {
  it('is connected and each peer knows at most `contacts` earlier peers', () => {
    for (let seed = 0; seed < 20; seed++) {
      const ids = Array.from({ length: 20 }, (_, i) => `p${i + 1}`);
      const lists = bootstrapLists(ids, { contacts: 3, rng: createRng(seed) });
      for (const [id, known] of lists) {
        expect(known.length, `semilla ${seed}`).toBe(Math.min(3, ids.indexOf(id)));
        for (const k of known) expect(ids.indexOf(k)).toBeLessThan(ids.indexOf(id));
      }
      expect(isConnected(overlayEdges(lists), new Set(ids)), `semilla ${seed}`).toBe(true);
    }
  });

  it('rejects bad parameters', () => {
    expect(() => bootstrapLists(['a', 'b'], { contacts: 0, rng: createRng(1) })).toThrow('contacts debe ser un entero ≥ 1');
    expect(() => bootstrapLists(['a', 'a'], { contacts: 1, rng: createRng(1) })).toThrow('no pueden repetirse');
  });

  it('detects a disconnected live overlay', () => {
    const edges = overlayEdges(new Map([['a', []], ['b', ['a']], ['c', ['b']]]));
    expect(isConnected(edges, new Set(['a', 'b', 'c']))).toBe(true);
    expect(isConnected(edges, new Set(['a', 'c']))).toBe(false);
  });
});

describe('the same peer on lib/sim', () => {
  const run = (seed: number) => {
    const ids = ['p1', 'p2', 'p3', 'p4', 'p5'];
    const lists = bootstrapLists(ids, { contacts: 2, rng: createRng(seed) });
    const sim = new Simulation<P2PMessage, P2PPeer>({ seed, nodeIds: ids, network: { latency: latency.uniform(1, 9), duplicate: 0.2 }, createNode: (c) => new P2PPeer(c, { bootstrap: lists.get(c.id) ?? [] }) });
    sim.runFor(50);
    sim.inject('p3', { type: 'Post', text: 'hola' }, { from: 'p3' });
    sim.runUntilIdle({ limitMs: 1_000 });
    return sim;
  };

  it('same seed, same trace', () => {
    expect(run(4).traceText()).toBe(run(4).traceText());
    expect(run(4).traceText()).not.toBe(run(5).traceText());
  });

  it('a flood without faults reaches every peer exactly once, over duplicating links (seeds 0–29)', () => {
    for (let seed = 0; seed < 30; seed++) {
      const sim = run(seed);
      for (const node of sim.nodes.values()) expect(node.delivered.map((c) => c.id), `semilla ${seed}, ${node.id}`).toEqual(['p3#1']);
    }
  });
});
