import { describe, expect, it } from 'vitest';
import { checkLinearizability, historyFromJsonLines, historyToEdn, historyToJsonLines, registerModel } from '../../lib/linearizability/index';
import type { Operation } from '../../lib/linearizability/index';

const history: Operation[] = [
  { id: 0, client: '0', key: 'x', input: { f: 'write', value: 3 }, invokeMs: 1, completeMs: 4, status: 'ok' },
  { id: 1, client: '1', key: 'x', input: { f: 'read' }, output: 3, invokeMs: 2, completeMs: 5.5, status: 'ok' },
  { id: 2, client: '2', key: 'x', input: { f: 'cas', from: 3, to: 4 }, invokeMs: 3, status: 'info' },
  { id: 3, client: 'c3', input: { f: 'write', value: 1 }, output: 'timeout', invokeMs: 6, completeMs: 7, status: 'fail' },
];

describe('history formats', () => {
  it('JSON lines round-trip exactly, one operation per line', () => {
    const text = historyToJsonLines(history);
    expect(text.split('\n')).toHaveLength(history.length + 1);
    expect(historyFromJsonLines(text)).toEqual(history);
    expect(historyToJsonLines(historyFromJsonLines(text))).toBe(text);
  });

  it.each([
    ['not JSON', '{"id": 0,', /línea 1: JSON no válido/],
    ['a bad status', '{"id":0,"client":"a","input":{},"invokeMs":0,"completeMs":1,"status":"done"}', /'status' debe ser 'ok', 'fail' o 'info'/],
    ['an info with completeMs', '{"id":0,"client":"a","input":{},"invokeMs":0,"completeMs":1,"status":"info"}', /'info' no tiene 'completeMs'/],
    ['an ok without completeMs', '{"id":0,"client":"a","input":{},"invokeMs":0,"status":"ok"}', /'completeMs' debe ser un número finito/],
    ['completion before invoke', '{"id":0,"client":"a","input":{},"invokeMs":5,"completeMs":1,"status":"ok"}', /anterior a 'invokeMs'/],
    ['no input', '{"id":0,"client":"a","invokeMs":0,"completeMs":1,"status":"ok"}', /falta 'input'/],
    ['a numeric client', '{"id":0,"client":7,"input":{},"invokeMs":0,"completeMs":1,"status":"ok"}', /'client' debe ser un texto/],
    ['a repeated id', '{"id":0,"client":"a","input":{},"invokeMs":0,"completeMs":1,"status":"ok"}\n{"id":0,"client":"b","input":{},"invokeMs":0,"completeMs":1,"status":"ok"}', /línea 2: id 0 repetido/],
  ])('rejects %s with a clear error', (_name, text, message) => {
    expect(() => historyFromJsonLines(text)).toThrow(message);
  });

  it('the checker rejects malformed operations instead of crashing', () => {
    expect(() => checkLinearizability(registerModel(), [{ id: 0, client: 'a' }] as never)).toThrow(/falta 'input'/);
    expect(() => checkLinearizability(registerModel(), 'no' as never)).toThrow(/array/);
    expect(() => checkLinearizability(registerModel(), history, { timeoutMs: 0 })).toThrow(RangeError);
  });

  it('writes Jepsen/EDN lines: an :invoke per operation, :ok/:fail/:info completions, times in ns', () => {
    const lines = historyToEdn(history).trim().split('\n');
    expect(lines).toHaveLength(8);
    expect(lines[0]).toBe('{:process 0, :type :invoke, :f :write, :key "x", :value 3, :time 1000000}');
    expect(lines).toContain('{:process 1, :type :ok, :f :read, :key "x", :value 3, :time 5500000}');
    expect(lines).toContain('{:process 2, :type :invoke, :f :cas, :key "x", :value [3 4], :time 3000000}');
    expect(lines).toContain('{:process "c3", :type :fail, :f :write, :value 1, :error "timeout", :time 7000000}');
    // The info completion has no time of its own: it goes last, at the end of the history.
    expect(lines[7]).toBe('{:process 2, :type :info, :f :cas, :key "x", :value [3 4], :time 7000000}');
  });

  it('a history read back from JSON lines gets the same verdict and order', () => {
    const again = historyFromJsonLines(historyToJsonLines(history));
    expect(checkLinearizability(registerModel(), again)).toEqual(checkLinearizability(registerModel(), history));
  });
});
