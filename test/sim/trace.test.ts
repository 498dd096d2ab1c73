import { describe, expect, it } from 'vitest';
import { lectureExample } from '../../lib/clocks/index';
import {
  formatEvent,
  formatMessage,
  latency,
  latencyHistogram,
  latencySummary,
  messagesPerOperation,
  percentile,
  pingPong,
  randomChatter,
  SHIVIZ_REGEX,
  Simulation,
  spaceTimeDiagram,
  toShiViz,
  unsafeLock,
} from '../../lib/sim/index';
import type { ChatterMessage, Effect, Input, NodeContext, NodeId, PingPongMessage, PingPongNode, ProtocolNode, TraceEvent } from '../../lib/sim/index';

describe('readable trace lines', () => {
  it.each([
    [{ kind: 'send', timeMs: 153, from: 'n2', to: 'n1', messageId: 1, message: { type: 'RequestVote', term: 1 } }, 't=0153 n2\u2192n1 RequestVote term=1'],
    [{ kind: 'deliver', timeMs: 160.4, from: 'n2', to: 'n1', messageId: 1, sentAtMs: 153, duplicate: false, message: { type: 'RequestVote', term: 1 } }, 't=0160 n1\u2190n2 RequestVote term=1'],
    [{ kind: 'drop', timeMs: 9, from: 'a', to: 'b', messageId: 2, sentAtMs: 9, reason: 'loss', message: 'hola' }, 't=0009 a\u2192b PÉRDIDA hola (aleatoria)'],
    [{ kind: 'timer', timeMs: 12_345, node: 'n3', name: 'election' }, 't=12345 n3 temporizador election'],
    [{ kind: 'output', timeMs: 0, node: 'n1', label: 'leader', data: { term: 2 } }, 't=0000 n1 salida leader {"term":2}'],
    [{ kind: 'partition', timeMs: 100, groups: [['n1'], ['n2', 'n3']] }, 't=0100 PARTICIÓN [n1] | [n2 n3]'],
    [{ kind: 'start', timeMs: 0, node: 'n1' }, 't=0000 n1 inicio'],
    [{ kind: 'deliver', timeMs: 20, from: 'a', to: 'b', messageId: 3, sentAtMs: 10, duplicate: true, message: 'hola' }, 't=0020 b\u2190a hola (duplicado)'],
    [{ kind: 'drop', timeMs: 9, from: 'a', to: 'b', messageId: 2, sentAtMs: 9, reason: 'partition', message: 'hola' }, 't=0009 a\u2192b PÉRDIDA hola (partición)'],
    [{ kind: 'drop', timeMs: 9, from: 'a', to: 'b', messageId: 2, sentAtMs: 9, reason: 'link', message: 'hola' }, 't=0009 a\u2192b PÉRDIDA hola (enlace cortado)'],
    [{ kind: 'drop', timeMs: 9, from: 'a', to: 'b', messageId: 2, sentAtMs: 9, reason: 'crashed', message: 'hola' }, 't=0009 a\u2192b PÉRDIDA hola (destino caído)'],
    [{ kind: 'drop', timeMs: 9, from: 'a', to: 'b', messageId: 2, sentAtMs: 9, reason: 'filtered', message: 'hola' }, 't=0009 a\u2192b PÉRDIDA hola (filtro)'],
    [{ kind: 'crash', timeMs: 80, node: 'n2' }, 't=0080 n2 CAÍDA'],
    [{ kind: 'restart', timeMs: 120, node: 'n2' }, 't=0120 n2 REINICIO'],
    [{ kind: 'heal', timeMs: 300 }, 't=0300 FIN DE PARTICIÓN'],
    [{ kind: 'cut', timeMs: 40, from: 'n1', to: 'n2' }, 't=0040 CORTE n1\u2192n2'],
    [{ kind: 'restore', timeMs: 60, from: 'n1', to: 'n2' }, 't=0060 FIN DE CORTE n1\u2192n2'],
  ] as [TraceEvent<unknown>, string][])('%j → %s', (event, line) => {
    expect(formatEvent(event)).toBe(line);
  });

  it('prints the lecture example as chapter 02 shows it (golden)', () => {
    expect(lectureExample().traceText()).toBe([
      't=0000 A inicio', 't=0000 B inicio', 't=0000 C inicio',
      't=0010 A temporizador paso1', 't=0010 A salida E1', 't=0030 A temporizador paso2',
      't=0030 A\u2192B E2', 't=0050 B\u2190A E2', 't=0070 B temporizador paso1',
      't=0070 B\u2192C E3', 't=0090 C\u2190B E3',
    ].join('\n'));
  });

  it('formats messages as Type key=value, with JSON for nested values', () => {
    expect(formatMessage({ type: 'AppendEntries', term: 2, entries: [1, 2] })).toBe('AppendEntries term=2 entries=[1,2]');
    expect(formatMessage(7)).toBe('7');
  });

  it('a protocol can supply its own formatter', () => {
    const sim = new Simulation<PingPongMessage, PingPongNode>({ seed: 1, nodeIds: ['n1', 'n2'], createNode: pingPong(1), formatMessage: (m) => `${m.type.toUpperCase()}#${m.seq}` });
    sim.runFor(100);
    expect(sim.traceText()).toContain('n1\u2192n2 PING#1');
    expect(sim.traceText({ tail: 1 })).toMatch(/^t=\d{4} n1\u2190n2 PONG#1$/);
  });
});

describe('ShiViz export', () => {
  it('writes host + vector clock lines that the documented regex parses, with each host counting 1, 2, 3…', () => {
    const sim = new Simulation({ seed: 4, nodeIds: ['a', 'b', 'c'], createNode: randomChatter(10), network: { loss: 0.1 } });
    sim.runFor(1_000);
    const log = toShiViz(sim.trace);
    const regex = new RegExp(SHIVIZ_REGEX, 'g');
    const matches = [...log.matchAll(regex)];
    expect(matches.length).toBe(log.split('\n').length / 2);
    const last = new Map<string, number>();
    for (const m of matches) {
      const host = m.groups?.['host'] as string;
      const clock = JSON.parse(m.groups?.['clock'] as string) as Record<string, number>;
      expect(clock[host]).toBe((last.get(host) ?? 0) + 1);
      last.set(host, clock[host] as number);
    }
    expect(last.size).toBe(3);
  });

  it('reproduces the lecture example', () => {
    expect(toShiViz(lectureExample().trace).split('\n').slice(-2)).toEqual(['C {"A":2,"B":2,"C":1}', 't=0090 C\u2190B E3']);
  });
});

describe('metrics', () => {
  it('percentiles by nearest rank', () => {
    expect(percentile([40, 10, 30, 20], 50)).toBe(20);
    expect(percentile([40, 10, 30, 20], 100)).toBe(40);
    expect(percentile([], 50)).toBeNaN();
  });

  it('latency summary of a constant-latency network', () => {
    const sim = new Simulation({ seed: 1, nodeIds: ['n1', 'n2'], createNode: pingPong(10), network: { latency: latency.constant(7) } });
    sim.runFor(1_000);
    expect(latencySummary(sim.trace)).toEqual({ count: 20, meanMs: 7, latencyMsP50: 7, latencyMsP90: 7, latencyMsP99: 7, maxMs: 7 });
  });

  it('messages per operation uses the counters, so it works with the trace off', () => {
    const sim = new Simulation({ seed: 1, trace: false, nodeIds: ['a', 'b'], createNode: unsafeLock() });
    sim.runFor(5_000);
    expect(messagesPerOperation(sim, 'enterCritical')).toBe(0); // the unsafe lock sends nothing
    expect(messagesPerOperation(sim, 'nothing')).toBeNaN();
  });
});

describe('plots are plain plotly JSON', () => {
  it('space-time diagram: a line per node, an arrow per delivery, an X per drop, labels', () => {
    const sim = new Simulation({ seed: 2, nodeIds: ['a', 'b', 'c'], createNode: randomChatter(8), network: { loss: 0.2 } });
    sim.runFor(1_000);
    const fig = spaceTimeDiagram(sim.trace, { nodeIds: sim.nodeIds, labels: 'vector' });
    const deliveries = sim.trace.filter((e) => e.kind === 'deliver').length;
    const drops = sim.trace.filter((e) => e.kind === 'drop').length;
    expect(drops).toBeGreaterThan(0);
    expect(fig.data.filter((t) => t.mode === 'lines' && t.hoverinfo === 'skip' && t.name !== undefined)).toHaveLength(3);
    expect(fig.layout?.annotations?.filter((a) => a['showarrow'] === true)).toHaveLength(deliveries);
    const lost = fig.data.find((t) => t.name === 'mensaje perdido');
    expect(lost?.x).toHaveLength(drops);
    const sends = fig.data.find((t) => t.name === 'envío');
    expect(String((sends?.text as string[])[0])).toMatch(/^\[\d+,\d+,\d+\]$/);
    expect(JSON.parse(JSON.stringify(fig))).toEqual(fig);
    expect(fig.layout?.xaxis?.['rangeslider']).toBeUndefined();
  });

  it('long runs get a time slider', () => {
    const sim = new Simulation({ seed: 2, nodeIds: ['a', 'b'], createNode: unsafeLock() });
    sim.runFor(10_000);
    const fig = spaceTimeDiagram(sim.trace);
    expect(fig.layout?.xaxis?.['rangeslider']).toEqual({ visible: true });
  });

  it('the lecture example labelled with Lamport timestamps 1…5', () => {
    const fig = spaceTimeDiagram(lectureExample().trace, { labels: 'lamport' });
    const labels = fig.data.flatMap((t) => (t.mode === 'markers+text' ? (t.text as string[]) : []));
    expect(labels.sort()).toEqual(['L=1', 'L=2', 'L=3', 'L=4', 'L=5']);
  });

  it('latency histogram: one series, or one per link', () => {
    const sim = new Simulation({ seed: 1, nodeIds: ['n1', 'n2'], createNode: pingPong(50) });
    sim.runFor(5_000);
    expect(latencyHistogram(sim.trace).data).toHaveLength(1);
    expect(latencyHistogram(sim.trace, { byLink: true }).data.map((t) => t.name).sort()).toEqual(['n1\u2192n2', 'n2\u2192n1']);
  });
});

describe('the columnar trace log', () => {
  it('builds each event once, keeps the array across reads and grows it as the run goes on', () => {
    const sim = new Simulation<PingPongMessage, PingPongNode>({ seed: 3, nodeIds: ['n1', 'n2'], createNode: pingPong(50), network: { latency: latency.uniform(5, 15), duplicate: 0.3 } });
    sim.runFor(200);
    const first = sim.trace;
    const firstLength = first.length;
    const firstEvent = first[0];
    expect(firstLength).toBeGreaterThan(0);
    sim.partition(['n1'], ['n2']);
    sim.runFor(10_000);
    const second = sim.trace;
    expect(second).toBe(first);
    expect(second.length).toBeGreaterThan(firstLength);
    expect(second[0]).toBe(firstEvent);
    // Every kind the log stores in columns comes back with the fields of its TraceEvent shape.
    const kinds = new Set(second.map((e) => e.kind));
    for (const kind of ['start', 'send', 'deliver', 'partition', 'drop'] as const) expect(kinds.has(kind)).toBe(true);
    for (const e of second) {
      if (e.kind === 'deliver') expect(Object.keys(e)).toEqual(['kind', 'timeMs', 'from', 'to', 'message', 'messageId', 'sentAtMs', 'duplicate']);
      if (e.kind === 'drop') expect(e.reason).toBe('partition');
    }
    expect(second.some((e) => e.kind === 'deliver' && e.duplicate)).toBe(true);
  });
});

describe('the trace keeps each message as it was sent', () => {
  type Note = { type: 'Note'; items: number[] };
  /**
   * `a` sends a note to `b`; `b` adds to it, forwards it to `c`, and 1 ms later (on a timer,
   * while the note is still on the wire) adds to its object again; `c` outputs what it got.
   */
  class Scribbler implements ProtocolNode<Note> {
    readonly id: NodeId;
    private kept: Note | undefined;
    constructor(context: NodeContext) {
      this.id = context.id;
    }
    start(): Effect<Note>[] {
      if (this.id !== 'a') return [];
      const note: Note = { type: 'Note', items: [1] };
      const effects: Effect<Note>[] = [{ type: 'send', to: 'b', message: note }];
      note.items.push(99); // before the effects are returned: part of what is sent
      return effects;
    }
    step(input: Input<Note>): Effect<Note>[] {
      if (input.type === 'timer') {
        this.kept?.items.push(3); // after the send
        return [];
      }
      if (this.id === 'c') return [{ type: 'output', label: input.message.items.join(',') }];
      this.kept = input.message;
      this.kept.items.push(2);
      return [{ type: 'send', to: 'c', message: this.kept }, { type: 'setTimer', name: 'scribble', afterMs: 1 }];
    }
  }

  it.each([
    [true, '1,99,2'],
    [false, '1,99,2,3'],
  ])('copyMessages %s: the trace shows the content at each send (and the receiver got %s)', (copyMessages, received) => {
    const sim = new Simulation<Note>({ seed: 1, nodeIds: ['a', 'b', 'c'], createNode: (c) => new Scribbler(c), copyMessages, network: { latency: latency.constant(5) } });
    sim.runFor(100);
    const messages = sim.trace.filter((e) => e.kind === 'send' || e.kind === 'deliver').map((e) => `${e.kind} ${(e as { message: Note }).message.items.join(',')}`);
    expect(messages).toEqual(['send 1,99', 'deliver 1,99', 'send 1,99,2', 'deliver 1,99,2']);
    expect(sim.outputs.map((o) => o.label)).toEqual([received]);
  });

  it('deliveries and drops carry the sender, receiver, send time and content of their send', () => {
    const sim = new Simulation<ChatterMessage>({ seed: 5, nodeIds: ['n1', 'n2', 'n3'], createNode: randomChatter(100), network: { latency: latency.uniform(1, 30), loss: 0.1, duplicate: 0.1 } });
    sim.runFor(1_000);
    sim.crash('n3');
    sim.runFor(2_000);
    const sends = new Map<number, TraceEvent<ChatterMessage>>();
    let checked = 0;
    for (const e of sim.trace) {
      if (e.kind === 'send') sends.set(e.messageId, e);
      if (e.kind !== 'deliver' && e.kind !== 'drop') continue;
      const send = sends.get(e.messageId);
      if (send?.kind !== 'send') throw new Error(`no send before message ${e.messageId}`);
      expect([e.from, e.to, e.sentAtMs, e.message]).toStrictEqual([send.from, send.to, send.timeMs, send.message]);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    expect(new Set(sim.trace.map((e) => (e.kind === 'drop' ? e.reason : '')))).toEqual(new Set(['', 'loss', 'crashed']));
    expect(sim.trace.some((e) => e.kind === 'deliver' && e.duplicate)).toBe(true);
  });
});
