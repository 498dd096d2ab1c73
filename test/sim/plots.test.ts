import { describe, expect, it } from 'vitest';
import { latency, randomChatter, Simulation, spaceTimeDiagram, stampTrace } from '../../lib/sim/index';
import type { Figure, Trace } from '../../lib/plot/index';
import type { TraceEvent } from '../../lib/sim/index';
import { toyElection } from './plots-election';
import type { ToyMessage } from './plots-election';

const byName = (fig: Figure, name: string): Trace | undefined => fig.data.find((t) => t.name === name);
const arrowCount = (fig: Figure): number => (fig.layout?.annotations ?? []).filter((a) => a['showarrow'] === true).length;
const rowOf = (fig: Figure, id: string): number | undefined => {
  const ticks = fig.layout?.yaxis?.['ticktext'] as string[];
  const i = ticks.findIndex((t) => t.replace(/<\/?i>/g, '') === id);
  return i < 0 ? undefined : (fig.layout?.yaxis?.['tickvals'] as number[])[i];
};
const titleOf = (fig: Figure): string => { const t = fig.layout?.title; return typeof t === 'string' ? t : String(t?.text); };

/** 5 nodes electing leaders under loss, with a partition and requests injected from 'client'. */
function electionRun(seed: number, runMs = 3_000): Simulation<ToyMessage> {
  const sim = new Simulation<ToyMessage>({ seed, nodeIds: ['n1', 'n2', 'n3', 'n4', 'n5'], createNode: toyElection(), network: { latency: latency.uniform(2, 12), loss: 0.05 } });
  for (let t = 100, id = 1; t < runMs; t += 250, id++) {
    const to = `n${1 + (id % 5)}`;
    sim.at(t, () => sim.inject(to, { type: 'Request', id }));
  }
  sim.at(1_200, () => sim.partition(['n1', 'n2'], ['n3', 'n4', 'n5']));
  sim.at(1_800, () => sim.heal());
  sim.runFor(runMs);
  return sim;
}

describe('B7: bugs of the space-time diagram', () => {
  it('draws a lost message on its sender\'s line at the send time, not on a third node\'s line', () => {
    const trace: TraceEvent<string>[] = [
      { kind: 'send', timeMs: 10, from: 'a', to: 'c', message: 'hola', messageId: 1 },
      { kind: 'drop', timeMs: 10, from: 'a', to: 'c', message: 'hola', messageId: 1, sentAtMs: 10, reason: 'loss' },
      { kind: 'send', timeMs: 20, from: 'c', to: 'a', message: 'adiós', messageId: 2 },
      { kind: 'drop', timeMs: 31, from: 'c', to: 'a', message: 'adiós', messageId: 2, sentAtMs: 20, reason: 'crashed' },
    ];
    const fig = spaceTimeDiagram(trace, { nodeIds: ['a', 'b', 'c'], labels: 'none' });
    const lost = byName(fig, 'mensaje perdido');
    expect(lost?.x).toEqual([10, 20]);
    expect(lost?.y).toEqual([rowOf(fig, 'a'), rowOf(fig, 'c')]);
    expect(lost?.y).not.toContain(rowOf(fig, 'b'));
  });

  it('every ✕ of a random lossy run sits at (send time, sender\'s row)', () => {
    const sim = new Simulation({ seed: 11, nodeIds: ['a', 'b', 'c', 'd'], createNode: randomChatter(30), network: { loss: 0.2 } });
    sim.runFor(1_000);
    sim.partition(['a', 'b'], ['c', 'd']); // some messages already in flight are lost on arrival
    sim.runFor(2_000);
    const fig = spaceTimeDiagram(sim.trace, { nodeIds: sim.nodeIds, labels: 'none', maxArrows: 10_000, maxEvents: 100_000 });
    const drops = sim.trace.filter((e): e is Extract<TraceEvent, { kind: 'drop' }> => e.kind === 'drop');
    expect(drops.length, 'seed 11').toBeGreaterThan(5);
    const lost = byName(fig, 'mensaje perdido');
    expect(lost?.x).toEqual(drops.map((e) => e.sentAtMs));
    expect(lost?.y).toEqual(drops.map((e) => rowOf(fig, e.from)));
  });

  it('gives ids outside the cluster (inject\'s client) their own row, below the nodes, marked as clients', () => {
    const sim = electionRun(3, 600);
    const fig = spaceTimeDiagram(sim.trace, { nodeIds: sim.nodeIds, labels: 'none' });
    const ticks = fig.layout?.yaxis?.['ticktext'] as string[];
    expect(ticks).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', '<i>client</i>']);
    expect(rowOf(fig, 'client')).toBeLessThan(rowOf(fig, 'n5') as number);
    expect((fig.layout?.annotations ?? []).some((a) => a['text'] === 'clientes')).toBe(true);
    const clientMessages = sim.trace.filter((e) => e.kind === 'deliver' && (e.from === 'client' || e.to === 'client')).length;
    expect(clientMessages, 'seed 3').toBeGreaterThan(2);
    expect(arrowCount(fig)).toBe(sim.trace.filter((e) => e.kind === 'deliver').length);
    // Without nodeIds, the client is still a client: it has no events of its own.
    expect(spaceTimeDiagram(sim.trace, { labels: 'none' }).layout?.yaxis?.['ticktext']).toEqual(ticks);
  });

  it('client actors (SimulationOptions.clients) get client rows too, though they have timers of their own', () => {
    let next = 0;
    const sim = new Simulation<ToyMessage>({
      seed: 6, nodeIds: ['n1', 'n2', 'n3'], createNode: toyElection(),
      clients: {
        ids: ['c1', 'c2'],
        createClient: (context) => ({
          id: context.id,
          start: () => [{ type: 'setTimer', name: 'again', afterMs: 50 }],
          step: (input) => (input.type === 'timer' ? [{ type: 'send', to: 'n1', message: { type: 'Request', id: ++next } }, { type: 'setTimer', name: 'again', afterMs: 200 }] : []),
        }),
      },
    });
    sim.runFor(1_000);
    const expected = ['n1', 'n2', 'n3', '<i>c1</i>', '<i>c2</i>'];
    expect(spaceTimeDiagram(sim.trace, { nodeIds: sim.nodeIds, labels: 'none' }).layout?.yaxis?.['ticktext']).toEqual(expected);
    const byClients = spaceTimeDiagram(sim.trace, { clients: sim.clientIds, labels: 'none' });
    expect(byClients.layout?.yaxis?.['ticktext']).toEqual(expected);
    const timers = byName(byClients, 'temporizador');
    expect(timers?.y).toContain(rowOf(byClients, 'c1'));
  });

  it('labels a time window with the Lamport clocks of the whole run (they do not restart at 1)', () => {
    const sim = new Simulation({ seed: 4, nodeIds: ['a', 'b', 'c'], createNode: randomChatter(40), network: { latency: latency.uniform(5, 30) } });
    sim.runFor(3_000);
    const fromMs = 400;
    const fig = spaceTimeDiagram(sim.trace, { nodeIds: sim.nodeIds, fromMs, toMs: 700, widthPx: 1e7 });
    const expected = stampTrace(sim.trace)
      .filter((s) => s.event.kind === 'send' && s.event.timeMs >= fromMs && s.event.timeMs <= 700)
      .map((s) => `L=${s.lamport}`);
    expect(expected.length, 'seed 4').toBeGreaterThan(5);
    expect(byName(fig, 'envío')?.text).toEqual(expected);
    expect(expected).not.toContain('L=1');
  });
});

describe('space-time windows and filters', () => {
  const sim = electionRun(5, 5_000);
  const trace = sim.trace;

  it('around an event: the axis shows [t − before, t + after] and no event outside it is drawn', () => {
    const index = trace.findIndex((e) => e.kind === 'partition');
    const t = (trace[index] as TraceEvent).timeMs;
    const fig = spaceTimeDiagram(trace, { nodeIds: sim.nodeIds, around: { event: index, beforeMs: 60, afterMs: 40 } });
    expect(fig.layout?.xaxis?.range).toEqual([t - 60, t + 40]);
    for (const name of ['envío', 'recepción', 'temporizador']) {
      for (const x of (byName(fig, name)?.x ?? []) as number[]) expect(x).toBeGreaterThanOrEqual(t - 60), expect(x).toBeLessThanOrEqual(t + 40);
    }
    // Arrows: every message whose flight overlaps the window, and only those.
    const overlapping = trace.filter((e) => e.kind === 'deliver' && e.timeMs >= t - 60 && e.sentAtMs <= t + 40).length;
    expect(arrowCount(fig)).toBe(overlapping);
    expect(fig.layout?.shapes?.some((s) => s['x0'] === t)).toBe(true); // the partition line
    expect(() => spaceTimeDiagram(trace, { around: { event: trace.length } })).toThrow(RangeError);
  });

  it('filters rows by node and messages by type', () => {
    const fig = spaceTimeDiagram(trace, { nodeIds: sim.nodeIds, nodes: ['n1', 'n3', 'client'], messageTypes: ['Request', 'Reply'], labels: 'none' });
    expect(fig.layout?.yaxis?.['ticktext']).toEqual(['n1', 'n3', '<i>client</i>']);
    const arrows = (byName(fig, 'mensaje')?.text as string[]).filter((s) => s !== '');
    expect(arrows.length, 'seed 5').toBeGreaterThan(0);
    for (const text of arrows) expect(text).toMatch(/ (Request|Reply) /);
    const expected = trace.filter((e) => e.kind === 'deliver' && ['Request', 'Reply'].includes((e.message as ToyMessage).type) && [e.from, e.to].every((id) => ['n1', 'n3', 'client'].includes(id))).length;
    expect(arrowCount(fig)).toBe(expected);
    expect(byName(fig, 'temporizador')?.y ?? []).not.toContain(undefined);
  });

  it('caps the arrows and says so in Spanish, cutting the window where the cap is reached', () => {
    const all = trace.filter((e) => e.kind === 'deliver').length;
    expect(all, 'seed 5').toBeGreaterThan(300);
    const fig = spaceTimeDiagram(trace, { nodeIds: sim.nodeIds, labels: 'none' });
    // Lost messages count towards the cap too; ties at the cut instant are left out whole.
    const drawn = arrowCount(fig) + ((byName(fig, 'mensaje perdido')?.x ?? []) as number[]).length;
    expect(drawn).toBeLessThanOrEqual(300);
    expect(drawn).toBeGreaterThan(290);
    expect(titleOf(fig)).toMatch(/ventana recortada en t=[\d,]+ ms: se dibujan como mucho 300 mensajes/);
    const small = spaceTimeDiagram(trace, { nodeIds: sim.nodeIds, labels: 'none', maxArrows: 20 });
    expect(arrowCount(small)).toBeLessThanOrEqual(20);
    expect(titleOf(small)).toMatch(/como mucho 20 mensajes/);
    const cut = (small.layout?.xaxis?.range as number[])[1] as number;
    for (const x of (byName(small, 'envío')?.x ?? []) as number[]) expect(x).toBeLessThan(cut);
    const fewEvents = spaceTimeDiagram(trace, { nodeIds: sim.nodeIds, labels: 'none', maxEvents: 50 });
    expect(titleOf(fewEvents)).toMatch(/se dibujan los primeros 50 de \d+ eventos/);
    const drawnEvents = fewEvents.data.filter((t) => t.mode === 'markers' && t.name !== 'mensaje perdido').reduce((n, t) => n + (t.x as unknown[]).length, 0);
    expect(drawnEvents).toBeLessThanOrEqual(50);
  });

  it('thins labels that would overprint, keeps them all when there is room, and every event keeps its hover', () => {
    const window = { nodeIds: sim.nodeIds, fromMs: 0, toMs: 1_000 };
    const dense = spaceTimeDiagram(trace, window);
    const roomy = spaceTimeDiagram(trace, { ...window, widthPx: 1e7 });
    const labels = (fig: Figure): string[] => fig.data.flatMap((t) => (t.mode === 'markers+text' ? (t.text as string[]) : [])).filter((s) => s !== '');
    const hovers = (fig: Figure): number => fig.data.flatMap((t) => (t.mode === 'markers+text' ? (t['hovertext'] as string[]) : [])).length;
    // With room, only labels of simultaneous events of one row and kind (a leader's four
    // heartbeats) give way: they would overprint at any zoom.
    const points = (fig: Figure): number => fig.data.filter((t) => t.mode === 'markers+text').reduce((n, t) => n + new Set((t.x as number[]).map((x, i) => `${x}/${(t.y as number[])[i]}`)).size, 0);
    expect(labels(roomy).length).toBe(points(roomy));
    expect(hovers(roomy)).toBeGreaterThan(points(roomy));
    // …and their label names the first and last: a leader's heartbeats L=5…8.
    const merged = labels(roomy).filter((l) => /^L=\d+\u2026\d+$/.test(l));
    expect(merged.length, 'seed 5').toBeGreaterThan(0);
    for (const l of merged) {
      const [a, b] = l.slice(2).split('\u2026').map(Number) as [number, number];
      expect(b).toBeGreaterThan(a);
    }
    expect(labels(dense).length).toBeLessThan(labels(roomy).length);
    expect(labels(dense).length).toBeGreaterThan(0);
    expect(hovers(dense)).toBe(hovers(roomy));
    expect(titleOf(dense)).toMatch(/\d+ de \d+ etiquetas ocultas para que no se solapen/);
    // No two kept labels of one lane (row and side) overlap at 860 px for 1,000 ms.
    const pxPerMs = 860 / 1_000;
    for (const t of dense.data.filter((d) => d.mode === 'markers+text')) {
      const spots = (t.x as number[]).map((x, i) => ({ x, y: (t.y as number[])[i], text: (t.text as string[])[i] as string })).filter((s) => s.text !== '');
      for (const row of new Set(spots.map((s) => s.y))) {
        const inRow = spots.filter((s) => s.y === row).sort((a, b) => a.x - b.x);
        for (let i = 1; i < inRow.length; i++) {
          const [a, b] = [inRow[i - 1], inRow[i]] as [typeof spots[0], typeof spots[0]];
          expect((b.x - a.x) * pxPerMs).toBeGreaterThanOrEqual(((a.text.length + b.text.length) * 6.2) / 2);
        }
      }
    }
  });

  it('anchors a label at its event when centring it would cut it at the edge of the plot', () => {
    const first = trace.find((e) => e.kind === 'send' && e.timeMs > 500) as TraceEvent;
    const fig = spaceTimeDiagram(trace, { nodeIds: sim.nodeIds, fromMs: first.timeMs, toMs: first.timeMs + 100 });
    const sends = byName(fig, 'envío');
    expect((sends?.x as number[])[0]).toBe(first.timeMs);
    expect((sends?.['textposition'] as string[])[0]).toBe('top right');
    expect(sends?.['cliponaxis']).toBe(false);
  });

  it('greys out a crashed node\'s line from its crash to its restart, clipped to the window', () => {
    const crashes: TraceEvent[] = [
      { kind: 'start', timeMs: 0, node: 'a' },
      { kind: 'start', timeMs: 0, node: 'b' },
      { kind: 'crash', timeMs: 10, node: 'a' },
      { kind: 'restart', timeMs: 30, node: 'a' },
      { kind: 'crash', timeMs: 50, node: 'b' },
      { kind: 'output', timeMs: 80, node: 'a', label: 'fin' },
    ];
    const fig = spaceTimeDiagram(crashes, { labels: 'none', fromMs: 20 });
    const down = byName(fig, 'caído');
    expect(down?.x).toEqual([20, 30, null, 50, 80, null]);
    expect(down?.y).toEqual([rowOf(fig, 'a'), rowOf(fig, 'a'), null, rowOf(fig, 'b'), rowOf(fig, 'b'), null]);
  });

  it('is deterministic: the same seed draws the same figure', () => {
    const options = { nodeIds: ['n1', 'n2', 'n3', 'n4', 'n5'], fromMs: 1_000, toMs: 2_000, labels: 'vector' as const };
    const a = JSON.stringify(spaceTimeDiagram(electionRun(7).trace, options));
    const b = JSON.stringify(spaceTimeDiagram(electionRun(7).trace, options));
    expect(a).toBe(b);
    expect(JSON.parse(a)).toEqual(spaceTimeDiagram(electionRun(7).trace, options));
    expect(a).not.toBe(JSON.stringify(spaceTimeDiagram(electionRun(8).trace, options)));
  });
});
