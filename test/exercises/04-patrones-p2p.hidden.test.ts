// Hidden checks of exercise 04.2 (floodOnChat): random inputs from checkSeed, compared with
// this file's own reference, never with lib's.
import { expect } from 'vitest';
import { floodOnChat } from '../../lib/p2p/exercises';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

function reference(seen: ReadonlySet<string>, message: { id: string; origin: string }, from: string, neighbours: readonly string[]) {
  const ids = [...seen];
  if (ids.includes(message.id)) return { seen: ids.sort(), deliver: false, forwardTo: [] as string[] };
  const forwardTo: string[] = [];
  for (const n of neighbours) if (n !== from && n !== message.origin) forwardTo.push(n);
  return { seen: [...ids, message.id].sort(), deliver: true, forwardTo };
}

check('04.2', 'coincide con la regla en 400 casos aleatorios (duplicados frecuentes, remitentes de fuera)', () => {
  const seed = checkSeed('04.2-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 400; i++) {
    const peers = Array.from({ length: rng.int(1, 15) }, (_, k) => `p${k + 1}`);
    const neighbours = rng.sample(peers, rng.int(0, peers.length));
    const origin = rng.choice(peers);
    const id = `${origin}#${rng.int(1, 4)}`;
    const seen = new Set(Array.from({ length: rng.int(0, 6) }, () => `${rng.choice(peers)}#${rng.int(1, 4)}`));
    const from = rng.bernoulli(0.15) ? `q${rng.int(1, 5)}` : rng.bernoulli(0.2) ? origin : rng.choice(peers);
    const expected = reference(seen, { id, origin }, from, neighbours);
    const beforeSeen = JSON.stringify([...seen]);
    const beforeNeighbours = JSON.stringify(neighbours);
    const got = floodOnChat(seen, { id, origin }, from, neighbours);
    const label = `seen=${beforeSeen} id=${id} from=${from} neighbours=${beforeNeighbours} (semilla ${seed})`;
    expect({ seen: [...got.seen].sort(), deliver: got.deliver, forwardTo: got.forwardTo }, label).toEqual(expected);
    expect(JSON.stringify([...seen]), `seen no debe cambiar: ${label}`).toBe(beforeSeen);
    expect(JSON.stringify(neighbours), `neighbours no debe cambiar: ${label}`).toBe(beforeNeighbours);
  }
}, { hint: 'Deduplica por id, quita al remitente y al origen, conserva el orden y no toques los argumentos.', points: 2 });

check('04.2', 'casos límite: el origen es el remitente, un único vecino, un seen grande', () => {
  const big = new Set(Array.from({ length: 500 }, (_, k) => `p${k % 7}#${k}`));
  const cases: [Set<string>, { id: string; origin: string }, string, string[]][] = [
    [new Set(), { id: 'p1#1', origin: 'p1' }, 'p1', ['p1', 'p2', 'p3']],
    [new Set(), { id: 'p1#1', origin: 'p1' }, 'p2', ['p2']],
    [new Set(['p1#1']), { id: 'p1#1', origin: 'p1' }, 'p9', []],
    [big, { id: 'p3#250', origin: 'p3' }, 'p1', ['p1', 'p4']],
    [big, { id: 'p3#9999', origin: 'p3' }, 'p1', ['p4', 'p1', 'p3', 'p0']],
  ];
  for (const [seen, message, from, neighbours] of cases) {
    const expected = reference(seen, message, from, neighbours);
    const got = floodOnChat(new Set(seen), message, from, [...neighbours]);
    expect({ seen: [...got.seen].sort(), deliver: got.deliver, forwardTo: got.forwardTo }, JSON.stringify([message, from, neighbours])).toEqual(expected);
  }
}, { hint: 'Cuando el origen es también el remitente, se quita una sola vez; un duplicado no se reenvía.' });
