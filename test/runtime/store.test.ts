import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeValue, encodeValue, FileDurableStore, recordsFromJsonLines, recordsToJsonLines, toTraceEvents } from '../../lib/runtime/index';
import type { RuntimeRecord } from '../../lib/runtime/index';

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dsk-store-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('value codec', () => {
  it.each([
    ['a Map and a Set', { m: new Map<unknown, unknown>([['a', 1], [2, [3]]]), s: new Set(['x']) }],
    ['numbers JSON cannot say', [NaN, Infinity, -Infinity, -0, 1.5]],
    ['undefined inside arrays and objects', { a: undefined, b: [undefined, null] }],
    ['a bigint', { big: 12345678901234567890n }],
    ['an object that looks like a tag', { $t: 'map', v: [] }],
  ])('round-trips %s', (_, value) => {
    expect(decodeValue(encodeValue(value))).toEqual(value);
    if (Array.isArray(value)) expect(Object.is((decodeValue(encodeValue(value)) as number[])[3], -0)).toBe(true);
  });

  it('refuses class instances and functions, naming where they are', () => {
    expect(() => encodeValue({ when: new Date(0) }, 'msg')).toThrow(/msg: .when is an instance of Date, not plain data/);
    expect(() => encodeValue({ f: () => 1 }, 'msg')).toThrow(/cannot encode a function at .f/);
  });
});

describe('FileDurableStore (INTERFACES §2 on files)', () => {
  it('keeps values and logs across a reopen once persisted, and nothing before', () => {
    const dir = freshDir();
    const store = new FileDurableStore(dir);
    store.set('term', 3);
    store.set('votedFor', 'n2');
    expect(store.append('log', { term: 1 }, { term: 2 })).toBe(2);
    expect(new FileDurableStore(dir).keys()).toEqual([]);
    expect(store.persist()).toBe(true);
    expect(store.persist()).toBe(false);
    const again = new FileDurableStore(dir);
    expect(again.keys()).toEqual(['term', 'votedFor']);
    expect(again.get('term')).toBe(3);
    expect(again.readLog('log')).toEqual([{ term: 1 }, { term: 2 }]);
    expect(again.readLog('log', 1, 2)).toEqual([{ term: 2 }]);
    expect(again.logLength('nothing')).toBe(0);
  });

  it('delete reports whether the key existed; truncateLog drops the tail and survives a reopen', () => {
    const dir = freshDir();
    const store = new FileDurableStore(dir);
    store.set('a', 1);
    expect(store.delete('a')).toBe(true);
    expect(store.delete('a')).toBe(false);
    store.append('log', 1, 2, 3, 4);
    store.persist();
    store.truncateLog('log', 1);
    store.append('log', 5);
    store.persist();
    const again = new FileDurableStore(dir);
    expect(again.keys()).toEqual([]);
    expect(again.readLog('log')).toEqual([1, 5]);
    // The truncation wrote a new log file; the old one is gone.
    expect(readdirSync(dir).filter((f) => f.startsWith('log-'))).toHaveLength(1);
    expect(() => again.truncateLog('log', -1)).toThrow(RangeError);
    expect(() => again.readLog('log', 0.5)).toThrow(RangeError);
  });

  it('ignores bytes a crashed persist appended after the last commit (a torn write)', () => {
    const dir = freshDir();
    const store = new FileDurableStore(dir);
    store.append('log', 'a', 'b');
    store.persist();
    const file = readdirSync(dir).find((f) => f.startsWith('log-')) as string;
    appendFileSync(join(dir, file), '"c"\n"d');
    expect(new FileDurableStore(dir, { readOnly: true }).readLog('log')).toEqual(['a', 'b']);
    const reopened = new FileDurableStore(dir);
    reopened.append('log', 'e');
    reopened.persist();
    expect(new FileDurableStore(dir).readLog('log')).toEqual(['a', 'b', 'e']);
  });

  it('copies in and out, refuses non-plain data, and a read-only view refuses writes', () => {
    const dir = freshDir();
    const store = new FileDurableStore(dir);
    const value = { list: [1] };
    store.set('v', value);
    value.list.push(2);
    (store.get<{ list: number[] }>('v') as { list: number[] }).list.push(3);
    expect(store.get('v')).toEqual({ list: [1] });
    expect(() => store.set('d', new Date(0))).toThrow(/cannot save key "d".*instance of Date/);
    const view = new FileDurableStore(dir, { readOnly: true });
    expect(() => view.set('x', 1)).toThrow(/read-only/);
    store.discardUncommitted();
    expect(store.keys()).toEqual([]);
  });
});

describe('runtime records', () => {
  const records: RuntimeRecord<{ type: string }>[] = [
    { kind: 'start', timeMs: 1, node: 'a', pid: 10 },
    { kind: 'deliver', timeMs: 4.9, from: 'a', to: 'b', key: 'a.1.0', message: { type: 'Ping' }, sentAtMs: 5 },
    { kind: 'send', timeMs: 5, from: 'a', to: 'b', key: 'a.1.0', message: { type: 'Ping' } },
    { kind: 'pause', timeMs: 6, node: 'b' },
    { kind: 'drop', timeMs: 7, from: 'b', to: 'a', key: 'b.1.0', message: { type: 'Pong' }, sentAtMs: 7, reason: 'partition' },
  ];

  it('become trace events: ids by key, a delivery never before its send, no runtime-only kinds', () => {
    const trace = toTraceEvents(records);
    expect(trace.map((e) => e.kind)).toEqual(['start', 'send', 'deliver', 'drop']);
    expect(trace[1]).toMatchObject({ kind: 'send', messageId: 0 });
    expect(trace[2]).toMatchObject({ kind: 'deliver', messageId: 0, timeMs: 5, sentAtMs: 5 });
    expect(trace[3]).toMatchObject({ kind: 'drop', messageId: 1, reason: 'partition' });
  });

  it('round-trip through JSON lines, and a malformed line names its number', () => {
    expect(recordsFromJsonLines(recordsToJsonLines(records))).toEqual(records);
    expect(() => recordsFromJsonLines('{"kind":"start","timeMs":1}\nnope')).toThrow(/line 2 is not JSON/);
    expect(() => recordsFromJsonLines('{"timeMs":1}')).toThrow(/line 1 is not a record/);
  });
});
