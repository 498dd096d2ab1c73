// Hidden checks of exercise 10.4 (attributeCacheDecision): random inputs from checkSeed, compared
// with this file's own reference, never with lib's.
import { expect } from 'vitest';
import { attributeCacheDecision } from '../../lib/nfs/exercises';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

type Entry = { fetchedAtMs: number; timeoutMs: number; change: number };
type Policy = { acregminMs: number; acregmaxMs: number; cto: boolean };
type Event = 'open' | 'read' | 'stat';

function reference(entry: Entry | null, event: Event, nowMs: number, policy: Policy): 'cache' | 'getattr' {
  if (entry === null) return 'getattr';
  if (policy.cto && event === 'open') return 'getattr';
  if (nowMs < entry.fetchedAtMs) return 'getattr';
  return nowMs - entry.fetchedAtMs >= entry.timeoutMs ? 'getattr' : 'cache';
}

check('10.4', 'coincide con la regla en 400 casos aleatorios (todas las operaciones, con y sin cto)', () => {
  const seed = checkSeed('10.4-aleatorio');
  const rng = createRng(seed);
  const events: Event[] = ['open', 'read', 'stat'];
  for (let i = 0; i < 400; i++) {
    const min = rng.choice([0, 1_000, 3_000]);
    const policy = { acregminMs: min, acregmaxMs: min + rng.choice([0, 27_000, 57_000]), cto: rng.bernoulli(0.5) };
    const fetchedAtMs = rng.int(0, 100_000);
    const timeoutMs = rng.bernoulli(0.1) ? 0 : rng.int(policy.acregminMs, policy.acregmaxMs);
    const entry = rng.bernoulli(0.1) ? null : { fetchedAtMs, timeoutMs, change: rng.int(1, 50) };
    const nowMs = rng.bernoulli(0.15) ? fetchedAtMs + timeoutMs + rng.int(-1, 1) : fetchedAtMs + rng.int(-2_000, 70_000);
    const event = rng.choice(events);
    const expected = reference(entry, event, nowMs, policy);
    const before = JSON.stringify([entry, policy]);
    const got = attributeCacheDecision(entry, event, nowMs, policy);
    const label = `entry=${JSON.stringify(entry)} event=${event} nowMs=${nowMs} policy=${JSON.stringify(policy)} (semilla ${seed})`;
    expect(got, label).toBe(expected);
    expect(JSON.stringify([entry, policy]), `los argumentos no deben cambiar: ${label}`).toBe(before);
  }
}, { hint: 'Repasa el orden: sin atributos, open con cto, reloj hacia atrás y edad frente a timeoutMs.', points: 2 });

check('10.4', 'casos límite: los bordes del intervalo, timeout cero, stat con cto', () => {
  const p = { acregminMs: 3_000, acregmaxMs: 60_000, cto: true };
  const q = { ...p, cto: false };
  const cases: [Entry | null, Event, number, Policy][] = [
    [{ fetchedAtMs: 500, timeoutMs: 2_000, change: 1 }, 'read', 2_500, p],
    [{ fetchedAtMs: 500, timeoutMs: 2_000, change: 1 }, 'read', 2_499, p],
    [{ fetchedAtMs: 500, timeoutMs: 2_000, change: 1 }, 'stat', 500, p],
    [{ fetchedAtMs: 500, timeoutMs: 2_000, change: 1 }, 'stat', 499, q],
    [{ fetchedAtMs: 500, timeoutMs: 0, change: 1 }, 'read', 500, q],
    [{ fetchedAtMs: 500, timeoutMs: 2_000, change: 1 }, 'open', 600, q],
    [{ fetchedAtMs: 500, timeoutMs: 2_000, change: 1 }, 'open', 600, p],
    [null, 'open', 600, q],
    [{ fetchedAtMs: 0, timeoutMs: 60_000, change: 9 }, 'stat', 59_999, p],
  ];
  for (const [entry, event, nowMs, policy] of cases) {
    const expected = reference(entry, event, nowMs, policy);
    expect(attributeCacheDecision(entry, event, nowMs, policy), `entry=${JSON.stringify(entry)} event=${event} nowMs=${nowMs} cto=${policy.cto}`).toBe(expected);
  }
}, { hint: 'El final del intervalo ya está caducado, el principio todavía vale, y cto solo afecta a open.' });
