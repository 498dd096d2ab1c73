import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import { ActorSystem } from '../../lib/actors/actor-system';
import type { ActorSystemIo } from '../../lib/actors/actor-system';
import { hasType, report, schedule, spawn, tell } from '../../lib/actors/behavior';
import type { Behavior } from '../../lib/actors/behavior';
import { freezeMessage, parseWire, sealMessage } from '../../lib/actors/messages';
import { decideFailure, oneForOne } from '../../lib/actors/supervision';
import { actorAddress, parseAddress } from '../../lib/actors/address';

function harness() {
  const events: { label: string; data: Record<string, unknown> }[] = [];
  const timers: string[] = [];
  const remote: unknown[] = [];
  const io: ActorSystemIo = { sendRemote: (host, wire) => remote.push({ host, wire }), setTimer: (name) => timers.push(name), emit: (label, data) => events.push({ label, data }) };
  const system = new ActorSystem({ host: 'h', rng: createRng(1), io, recordMessages: true });
  return { system, events, timers, remote, labels: (l: string) => events.filter((e) => e.label === l) };
}

type Add = { type: 'Add'; n: number };
const counter: Behavior<number, Add> = {
  kind: 'contador',
  accepts: hasType('Add'),
  init: () => ({ state: 0 }),
  receive: (total, m) => {
    if (m.n < 0) throw new Error('negativo');
    return { state: total + m.n, effects: [report('total', { total: total + m.n })] };
  },
};

describe('the mailbox', () => {
  it('processes one message at a time, in arrival order, and none is lost (1 000 increments)', () => {
    const { system, labels } = harness();
    system.spawnTop('c', counter);
    for (let i = 0; i < 1_000; i++) system.deliver('h/c', { type: 'Add', n: 1 });
    system.drain(0);
    expect(system.stateOf('h/c')).toBe(1_000);
    expect(labels('total').map((e) => e.data.total)).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 1));
  });

  it('tell is asynchronous: a message to oneself is handled after the current one returns', () => {
    const order: string[] = [];
    const pinger: Behavior<number, { type: 'Ping' }> = { kind: 'p', accepts: hasType('Ping'), init: () => ({ state: 0 }), receive: (n, _m, c) => { order.push(`start ${n}`); const effects = n < 2 ? [tell(c.self, { type: 'Ping' })] : []; order.push(`end ${n}`); return { state: n + 1, effects }; } };
    const { system } = harness();
    system.spawnTop('p', pinger);
    system.deliver('h/p', { type: 'Ping' });
    system.drain(0);
    expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('takes turns between actors, and a drain budget stops an actor that tells itself for ever', () => {
    const loop: Behavior<null, { type: 'Again' }> = { kind: 'bucle', accepts: hasType('Again'), init: () => ({ state: null }), receive: (s, _m, c) => ({ state: s, effects: [tell(c.self, { type: 'Again' })] }) };
    const { system } = harness();
    system.spawnTop('loop', loop);
    system.spawnTop('c', counter);
    system.deliver('h/loop', { type: 'Again' });
    system.deliver('h/c', { type: 'Add', n: 5 });
    expect(system.drain(0, 100)).toBe(true);
    expect(system.stateOf('h/c')).toBe(5);
  });
});

describe('immutable messages', () => {
  it('a sent message is a frozen copy: the sender changing its object later changes nothing, the receiver cannot write', () => {
    const seen: unknown[] = [];
    const keeper: Behavior<null, { type: 'Keep'; items: number[] }> = { kind: 'k', accepts: hasType('Keep'), init: () => ({ state: null }), receive: (s, m) => { seen.push(m); return { state: s }; } };
    const { system } = harness();
    system.spawnTop('k', keeper);
    const original = { type: 'Keep', items: [1, 2] };
    system.deliver('h/k', original);
    original.items.push(3);
    system.drain(0);
    const got = seen[0] as { items: number[] };
    expect(got.items).toEqual([1, 2]);
    expect(Object.isFrozen(got) && Object.isFrozen(got.items)).toBe(true);
    expect(() => { 'use strict'; got.items.push(4); }).toThrow(TypeError);
  });

  it('rejects what is not plain JSON data with a Spanish reason', () => {
    expect(() => sealMessage({ when: new Date(0) })).toThrow(/objeto plano/);
    expect(() => sealMessage({ n: NaN })).toThrow(/no finito/);
    expect(() => sealMessage({ f: () => 1 })).toThrow(/no es JSON/);
    expect(sealMessage({ a: [1, { b: 'x' }] })).toEqual({ a: [1, { b: 'x' }] });
    expect(Object.isFrozen(freezeMessage({ a: { b: 1 } }).a)).toBe(true);
  });
});

describe('supervision (one-for-one with a limit)', () => {
  it('decides restart below the limit within the window and escalate at it (Erlang intensity/period)', () => {
    const s = oneForOne({ maxRestarts: 2, withinMs: 100 });
    expect(decideFailure([], s, 0)).toEqual({ decision: 'restart', restartTimesMs: [0] });
    expect(decideFailure([0, 50], s, 60).decision).toBe('escalate');
    expect(decideFailure([0, 50], s, 120)).toEqual({ decision: 'restart', restartTimesMs: [50, 120] });
    expect(() => oneForOne({ maxRestarts: -1, withinMs: 1 })).toThrow(RangeError);
    expect(() => oneForOne({ maxRestarts: 1, withinMs: 0 })).toThrow(RangeError);
  });

  it('restarts only the failed child with a fresh state, keeps its mailbox and drops the failing message (Akka)', () => {
    const parent: Behavior<null, never> = { kind: 'padre', accepts: (_m): _m is never => false, init: () => ({ state: null, effects: [spawn('a', counter, oneForOne({ maxRestarts: 3, withinMs: 1_000 })), spawn('b', counter)] }), receive: (s) => ({ state: s }) };
    const { system, labels } = harness();
    system.spawnTop('p', parent);
    system.deliver('h/p/a', { type: 'Add', n: 2 });
    system.deliver('h/p/b', { type: 'Add', n: 7 });
    system.deliver('h/p/a', { type: 'Add', n: -1 });
    system.deliver('h/p/a', { type: 'Add', n: 3 });
    system.drain(0);
    expect(system.stateOf('h/p/a')).toBe(3);
    expect(system.stateOf('h/p/b')).toBe(7);
    expect(labels('actor.restarted').map((e) => e.data.actor)).toEqual(['h/p/a']);
  });

  it("'discard' empties the mailbox on restart (Erlang: a new process), as dead letters", () => {
    const parent: Behavior<null, never> = { kind: 'padre', accepts: (_m): _m is never => false, init: () => ({ state: null, effects: [spawn('a', counter, oneForOne({ maxRestarts: 3, withinMs: 1_000, mailbox: 'discard' }))] }), receive: (s) => ({ state: s }) };
    const { system, labels } = harness();
    system.spawnTop('p', parent);
    system.deliver('h/p/a', { type: 'Add', n: -1 });
    system.deliver('h/p/a', { type: 'Add', n: 3 });
    system.drain(0);
    expect(system.stateOf('h/p/a')).toBe(0);
    expect(labels('actor.deadLetter').map((e) => e.data.reason)).toEqual(['buzón descartado al reiniciar']);
  });

  it('past the limit the child stops and the parent fails in turn; the parent restarts and creates it again', () => {
    const parent: Behavior<null, never> = { kind: 'padre', accepts: (_m): _m is never => false, init: () => ({ state: null, effects: [spawn('a', counter, oneForOne({ maxRestarts: 1, withinMs: 1_000 }))] }), receive: (s) => ({ state: s }) };
    const { system, labels } = harness();
    system.spawnTop('p', parent);
    system.deliver('h/p/a', { type: 'Add', n: -1 });
    system.drain(0);
    system.deliver('h/p/a', { type: 'Add', n: -1 });
    system.drain(1);
    expect(labels('actor.escalated').map((e) => e.data)).toEqual([{ actor: 'h/p/a', to: 'h/p' }]);
    expect(labels('actor.restarted').map((e) => e.data.actor)).toEqual(['h/p/a', 'h/p']);
    expect(system.actors()).toEqual(['h/p', 'h/p/a']);
  });

  it('a scheduled message of a previous life is dropped (timers die with the restart)', () => {
    const delayed: Behavior<number, { type: 'Later' } | { type: 'Boom' }> = { kind: 'd', accepts: hasType('Later', 'Boom'), init: (c) => ({ state: c.incarnation, effects: c.incarnation === 0 ? [schedule(10, { type: 'Later' })] : [] }), receive: (s, m) => { if (m.type === 'Boom') throw new Error('boom'); return { state: s + 100 }; } };
    const { system, timers } = harness();
    system.spawnTop('d', delayed);
    system.deliver('h/d', { type: 'Boom' });
    system.drain(0);
    system.fireTimer(timers[0] ?? '');
    system.drain(10);
    expect(system.stateOf('h/d')).toBe(1);
  });
});

describe('bad input', () => {
  it('an unknown address, a malformed envelope or an unhandled message is a dead letter with a reason, never a crash', () => {
    const { system, labels } = harness();
    system.spawnTop('c', counter);
    system.deliver('h/nadie', { type: 'Add', n: 1 });
    system.deliver('h/c', { type: 'Multiply', n: 2 });
    system.drain(0);
    expect(labels('actor.deadLetter')[0]?.data.reason).toBe('no hay ningún actor en h/nadie');
    expect(labels('actor.unhandled')[0]?.data.reason).toMatch(/no entiende el mensaje Multiply/);
    expect(parseWire('basura')).toMatch(/sobre mal formado/);
    expect(parseWire({ type: 'Deliver', to: '../etc', message: 1 })).toMatch(/destino no válido/);
    expect(parseWire({ type: 'Deliver', to: 'h/c' })).toBe('sobre sin mensaje');
    expect(parseAddress('sin-barra')).toMatch(/sin actor/);
    expect(() => actorAddress('h', 'a b')).toThrow(/no válido/);
  });

  it('a handler that returns an invalid effect (bad address, non-JSON message, duplicate child) fails and is supervised', () => {
    const bad: Behavior<null, { type: 'Go'; what: string }> = { kind: 'malo', accepts: hasType('Go'), init: () => ({ state: null }), receive: (s, m) => ({ state: s, effects: m.what === 'addr' ? [tell('???', {})] : [tell('h/x', { d: new Map() })] }) };
    const { system, labels } = harness();
    system.spawnTop('m', bad);
    system.deliver('h/m', { type: 'Go', what: 'addr' });
    system.deliver('h/m', { type: 'Go', what: 'map' });
    system.drain(0);
    expect(labels('actor.failed').map((e) => e.data.error)).toEqual([expect.stringMatching(/dirección sin actor/), expect.stringMatching(/objeto plano/)]);
  });
});

describe('an actor host (lib/sim node) under bad input', () => {
  it('garbage from the network, an envelope for another host and a tell to an unknown host are reported, and the host carries on', async () => {
    const { ActorHost } = await import('../../lib/actors/host');
    const host = new ActorHost('sala', { actors: [{ name: 'c', behavior: counter }] }, createRng(3), ['sala', 'cocina']);
    host.start(0);
    const out = (effects: { type: string; label?: string; data?: unknown }[]) => effects.filter((e) => e.type === 'output').map((e) => `${e.label}: ${JSON.stringify(e.data)}`);
    expect(out(host.step({ type: 'message', from: 'cocina', message: 'basura' as never }, 1))).toEqual([expect.stringMatching(/^actor\.badWire: .*sobre mal formado/)]);
    expect(out(host.step({ type: 'message', from: 'cocina', message: { type: 'Deliver', to: 'cocina/jefe', message: 1 } }, 2))).toEqual([expect.stringMatching(/^actor\.deadLetter: .*llegó al host sala/)]);
    const sender: Behavior<null, { type: 'Go' }> = { kind: 's', accepts: hasType('Go'), init: () => ({ state: null }), receive: (s) => ({ state: s, effects: [tell('marte/x', { hola: 1 })] }) };
    const h2 = new ActorHost('sala', { actors: [{ name: 's', behavior: sender }] }, createRng(3), ['sala']);
    h2.start(0);
    expect(out(h2.step({ type: 'message', from: 'sala', message: { type: 'Deliver', to: 'sala/s', message: { type: 'Go' } } }, 1))).toEqual([expect.stringMatching(/no existe el host marte/)]);
    host.step({ type: 'message', from: 'cocina', message: { type: 'Deliver', to: 'sala/c', message: { type: 'Add', n: 4 } } }, 3);
    expect(host.system.stateOf('sala/c')).toBe(4);
  });
});
