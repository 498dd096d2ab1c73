/**
 * Readers for the two log formats of porcupine's test data (datasets/linearizability/):
 * Jepsen etcd logs (`INFO  jepsen.util - 3\t:invoke\t:cas\t[1 2]`) and Jepsen EDN kv logs
 * (`{:process 0, :type :ok, :f :get, :key "5", :value ""}`). The line number is the time.
 */
import type { History, Operation } from '../../lib/linearizability/index';

interface Open { readonly input: unknown; readonly key?: string; readonly invokeMs: number }

function build(lines: string[], parse: (line: string, lineNumber: number) => { process: string; type: string; input?: unknown; key?: string; value?: unknown } | undefined): History {
  const open = new Map<string, Open>();
  const done: Omit<Operation, 'id'>[] = [];
  lines.forEach((line, time) => {
    if (line.trim() === '') return;
    const event = parse(line, time + 1);
    if (event === undefined) throw new Error(`línea ${time + 1} ilegible: ${line}`);
    const { process, type } = event;
    if (type === 'invoke') {
      open.set(process, { input: event.input, invokeMs: time, ...(event.key !== undefined ? { key: event.key } : {}) });
      return;
    }
    const call = open.get(process);
    if (call === undefined) throw new Error(`línea ${time + 1}: respuesta sin invocación`);
    open.delete(process);
    const base = { client: process, input: call.input, invokeMs: call.invokeMs, ...(call.key !== undefined ? { key: call.key } : {}) };
    if (type === 'info') done.push({ ...base, status: 'info' });
    else if (type === 'fail') done.push({ ...base, completeMs: time, status: 'fail' });
    else done.push({ ...base, completeMs: time, status: 'ok', ...(event.value !== undefined ? { output: event.value } : {}) });
  });
  for (const [process, call] of open) done.push({ client: process, input: call.input, invokeMs: call.invokeMs, status: 'info' });
  done.sort((a, b) => a.invokeMs - b.invokeMs);
  return done.map((op, id) => ({ id, ...op }));
}

/**
 * A Jepsen etcd register log. A `:fail :cas` is a cas that completed and did not swap (the
 * compare failed: porcupine's etcd model reads it the same way), so it is an 'ok' operation
 * with output `false`; `:fail :read :timed-out` took no effect; `:info` is unknown.
 */
export function parseEtcdLog(text: string): History {
  const pattern = /^INFO\s+jepsen\.util\s+-\s+(\d+)\s+:(invoke|ok|fail|info)\s+:(read|write|cas)\s+(.*)$/;
  return build(text.split('\n'), (line) => {
    const m = pattern.exec(line);
    if (m === null) return undefined;
    const [, process, type, f, raw] = m as unknown as [string, string, string, string, string];
    const value = raw.trim();
    if (type === 'invoke') {
      if (f === 'read') return { process, type, input: { f: 'read' } };
      if (f === 'write') return { process, type, input: { f: 'write', value: Number(value) } };
      const [from, to] = value.replace(/[[\]]/g, '').split(/\s+/).map(Number);
      return { process, type, input: { f: 'cas', from, to } };
    }
    if (type === 'fail' && f === 'cas') return { process, type: 'ok', value: false };
    if (type !== 'ok') return { process, type };
    if (f === 'read') return { process, type, value: value === 'nil' ? null : Number(value) };
    if (f === 'cas') return { process, type, value: true };
    return { process, type };
  });
}

/** A Jepsen EDN key-value log of get / put / append, as porcupine's `test_data/kv`. */
export function parseKvLog(text: string): History {
  const pattern = /^\{:process (\d+), :type :(invoke|ok|fail|info), :f :(get|put|append), :key "(.*)", :value (nil|"(.*)")\}$/;
  return build(text.split('\n'), (line) => {
    const m = pattern.exec(line);
    if (m === null) return undefined;
    const [, process, type, f, key, , value] = m as unknown as [string, string, string, string, string, string, string | undefined];
    if (type === 'invoke') return { process, type, key, input: f === 'get' ? { f, key } : { f, key, value: value ?? '' } };
    return { process, type, ...(f === 'get' ? { value: value ?? '' } : {}) };
  });
}
