import { describe, expect, it } from 'vitest';
import { filterTrace, formatTrace, latency, messageType, selectEvents, Simulation, traceWindow } from '../../lib/sim/index';
import type { TraceEvent } from '../../lib/sim/index';
import { toyElection } from './plots-election';
import type { ToyMessage } from './plots-election';

function run(seed: number): Simulation<ToyMessage> {
  const sim = new Simulation<ToyMessage>({ seed, nodeIds: ['n1', 'n2', 'n3'], createNode: toyElection(), network: { latency: latency.uniform(2, 12), loss: 0.1 } });
  sim.at(300, () => sim.inject('n2', { type: 'Request', id: 1 }));
  sim.at(700, () => sim.partition(['n1'], ['n2', 'n3']));
  sim.runFor(1_500);
  return sim;
}

const timeOf = (line: string): number => Number(/^t=(\d+)/.exec(line)?.[1]);

describe('trace text filters', () => {
  const sim = run(9);
  const trace = sim.trace;

  it('messageType reads the type field, or names the JavaScript type', () => {
    expect([messageType({ type: 'Vote', term: 1 }), messageType('hola'), messageType([1]), messageType(null), messageType({ term: 1 })]).toEqual(['Vote', 'string', 'array', 'null', 'object']);
  });

  it('by node: only events that involve the ids, plus partitions and heals', () => {
    const lines = formatTrace(trace, { nodes: ['client'] }).split('\n');
    expect(lines.length, 'seed 9').toBeGreaterThanOrEqual(3); // the request, its delivery, the reply…
    for (const line of lines) expect(line).toMatch(/client|PARTICIÓN/);
    const n3 = filterTrace(trace, { nodes: ['n3'] });
    for (const e of n3) {
      if ('node' in e) expect(e.node).toBe('n3');
      else if ('from' in e) expect([e.from, e.to]).toContain('n3');
      else expect(['partition', 'heal']).toContain(e.kind);
    }
    expect(n3.length).toBeLessThan(trace.length);
  });

  it('by message type: only those messages, every other event kept', () => {
    const votes = filterTrace(trace, { messageTypes: ['RequestVote'] });
    expect(votes.some((e) => e.kind === 'send')).toBe(true);
    for (const e of votes) if ('message' in e) expect(e.message.type).toBe('RequestVote');
    expect(votes.filter((e) => !('message' in e))).toEqual(trace.filter((e) => !('message' in e)));
    const custom = filterTrace(trace, { messageTypes: ['vote'], messageType: (m) => m.type.toLowerCase(), kinds: ['deliver'] });
    expect(custom.length, 'seed 9').toBeGreaterThan(0);
    for (const e of custom) expect(e.kind === 'deliver' && e.message.type).toBe('Vote');
  });

  it('by time: a range, or a window around an event, intersected with the other filters', () => {
    expect(formatTrace(trace, { fromMs: 200, toMs: 400 }).split('\n').every((l) => timeOf(l) >= 200 && timeOf(l) <= 400)).toBe(true);
    const index = trace.findIndex((e) => e.kind === 'partition');
    const t = (trace[index] as TraceEvent).timeMs;
    expect(traceWindow(trace, { around: { event: index, beforeMs: 30, afterMs: 10 } })).toEqual({ fromMs: t - 30, toMs: t + 10 });
    expect(traceWindow(trace, { around: { event: index } })).toEqual({ fromMs: t - 150, toMs: t + 150 });
    const text = formatTrace(trace, { around: { event: index, beforeMs: 30, afterMs: 10 }, nodes: ['n1'] });
    expect(text).toContain('PARTICIÓN [n1] | [n2 n3]');
    for (const line of text.split('\n')) expect(timeOf(line)).toBeGreaterThanOrEqual(Math.floor(t - 30)), expect(timeOf(line)).toBeLessThanOrEqual(Math.ceil(t + 10));
    const indices = selectEvents(trace, { around: { event: index, beforeMs: 0, afterMs: 0 } });
    expect(indices).toContain(index);
    expect(indices.every((i) => (trace[i] as TraceEvent).timeMs === t)).toBe(true);
  });

  it('tail counts the filtered lines; no filter prints the whole trace as before', () => {
    const all = formatTrace(trace, { nodes: ['n2'] }).split('\n');
    expect(formatTrace(trace, { nodes: ['n2'], tail: 3 }).split('\n')).toEqual(all.slice(-3));
    expect(formatTrace(trace).split('\n')).toHaveLength(trace.length);
    expect(formatTrace(trace, { tail: 2 })).toBe(sim.traceText({ tail: 2 }));
  });

  it('sim.traceText takes the same filters', () => {
    const options = { nodes: ['client'], fromMs: 250 };
    expect(sim.traceText(options)).toBe(formatTrace(trace, options));
    expect(sim.traceText(options)).toMatch(/client/);
  });

  it('rejects a window that cannot be: an index outside the trace, negative widths, an end before the start', () => {
    expect(() => formatTrace(trace, { around: { event: -1 } })).toThrow(/around.event must be the index/);
    expect(() => formatTrace(trace, { around: { event: 1.5 } })).toThrow(RangeError);
    expect(() => formatTrace(trace, { around: { event: 0, beforeMs: -1 } })).toThrow(/beforeMs and afterMs/);
    expect(() => formatTrace(trace, { fromMs: 10, toMs: 5 })).toThrow(/ends before it starts/);
    expect(formatTrace([], {})).toBe('');
  });
});
