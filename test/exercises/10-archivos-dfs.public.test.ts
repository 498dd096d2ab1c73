// Public checks of exercise 10.2 (chooseReplicaTarget): one per requirement of its Spanish statement.
import { expect } from 'vitest';
import { chooseReplicaTarget } from '../../lib/dfs/exercises';
import { check } from './check';

// Three racks: r1 = d1 d2 d3, r2 = d4 d5 d6, r3 = d7 d8 d9.
const rackOf = () => new Map(Array.from({ length: 9 }, (_, i) => [`d${i + 1}`, `r${Math.floor(i / 3) + 1}`] as [string, string]));

check('10.2', 'sin candidatos devuelve null', () => {
  expect(chooseReplicaTarget(rackOf(), [], 'd1', [])).toBeNull();
  expect(chooseReplicaTarget(rackOf(), ['d1', 'd4'], 'd1', [])).toBeNull();
  expect(chooseReplicaTarget(rackOf(), [], 'd5', ['d1', 'd5'])).toBe('d5');
}, { hint: 'Si candidates está vacío no hay a quién elegir: devuelve null, no undefined.' });

check('10.2', 'primera réplica: el nodo que escribe, si es candidato (ejemplo del enunciado)', () => {
  const r = new Map([['d1', 'r1'], ['d2', 'r1'], ['d3', 'r2'], ['d4', 'r2']]);
  expect(chooseReplicaTarget(r, [], 'd1', ['d3', 'd1', 'd2'])).toBe('d1');
  expect(chooseReplicaTarget(rackOf(), [], 'd8', ['d2', 'd5', 'd8'])).toBe('d8');
}, { hint: 'La primera copia va al propio DataNode del escritor: búscalo en candidates, no tomes el primero.' });

check('10.2', 'primera réplica: si el escritor es un DataNode que no es candidato, el primer candidato de su rack', () => {
  expect(chooseReplicaTarget(rackOf(), [], 'd4', ['d1', 'd9', 'd6', 'd5'])).toBe('d6');
  expect(chooseReplicaTarget(rackOf(), [], 'd4', ['d1', 'd9'])).toBe('d1');
}, { hint: 'Si el escritor está caído o lleno, HDFS prueba antes su mismo rack; solo si no hay nadie ahí, cualquiera.' });

check('10.2', 'primera réplica: con writer null o fuera de rackOf, el primer candidato', () => {
  expect(chooseReplicaTarget(rackOf(), [], null, ['d7', 'd1', 'd4'])).toBe('d7');
  expect(chooseReplicaTarget(rackOf(), [], 'cliente-externo', ['d5', 'd1'])).toBe('d5');
  expect(chooseReplicaTarget(rackOf(), [], 'd1', ['d5', 'd1'])).toBe('d1');
}, { hint: 'Un cliente de fuera del clúster no tiene rack: la primera copia va al primer candidato.' });

check('10.2', 'segunda réplica: el primer candidato de un rack distinto del de la primera', () => {
  const r = new Map([['d1', 'r1'], ['d2', 'r1'], ['d3', 'r2'], ['d4', 'r2']]);
  expect(chooseReplicaTarget(r, ['d1'], 'd1', ['d2', 'd4', 'd3'])).toBe('d4');
  expect(chooseReplicaTarget(rackOf(), ['d5'], null, ['d4', 'd6', 'd9', 'd1'])).toBe('d9');
}, { hint: 'La segunda copia protege contra la caída del rack entero: sáltate los candidatos del rack de chosen[0].' });

check('10.2', 'segunda réplica: si todos los candidatos están en el rack de la primera, el primer candidato', () => {
  expect(chooseReplicaTarget(rackOf(), ['d1'], 'd1', ['d3', 'd2'])).toBe('d3');
  expect(chooseReplicaTarget(rackOf(), ['d1'], 'd1', ['d3', 'd2', 'd8'])).toBe('d8');
}, { hint: 'Cuando no hay otro rack, HDFS no se rinde: usa el primer candidato en vez de devolver null.' });

check('10.2', 'tercera réplica: con las dos primeras en racks distintos, el primer candidato del rack de la segunda (ejemplo del enunciado)', () => {
  const r = new Map([['d1', 'r1'], ['d2', 'r1'], ['d3', 'r2'], ['d4', 'r2']]);
  expect(chooseReplicaTarget(r, ['d1', 'd4'], 'd1', ['d2', 'd3'])).toBe('d3');
  expect(chooseReplicaTarget(rackOf(), ['d2', 'd7'], 'd2', ['d1', 'd5', 'd9', 'd8'])).toBe('d9');
}, { hint: 'La tercera copia va al rack de chosen[1] (el segundo), no al de chosen[0].' });

check('10.2', 'tercera réplica: con las dos primeras en el mismo rack, el primer candidato de otro rack', () => {
  expect(chooseReplicaTarget(rackOf(), ['d4', 'd5'], 'd4', ['d6', 'd2', 'd8'])).toBe('d2');
  expect(chooseReplicaTarget(rackOf(), ['d7', 'd8'], null, ['d9', 'd1'])).toBe('d1');
}, { hint: 'Si las dos primeras comparten rack, la tercera debe salir de él: mira si rack de chosen[0] y de chosen[1] coinciden.' });

check('10.2', 'tercera réplica: si ningún candidato cumple la regla, el primer candidato', () => {
  expect(chooseReplicaTarget(rackOf(), ['d1', 'd4'], 'd1', ['d7', 'd2'])).toBe('d7');
  expect(chooseReplicaTarget(rackOf(), ['d4', 'd5'], 'd4', ['d6'])).toBe('d6');
  expect(chooseReplicaTarget(rackOf(), ['d1', 'd4'], 'd1', ['d7', 'd2', 'd6'])).toBe('d6');
}, { hint: 'Cuando el rack buscado no tiene candidatos, la copia va al primer candidato, nunca null.' });

check('10.2', 'con 3 o más réplicas elegidas, el primer candidato', () => {
  expect(chooseReplicaTarget(rackOf(), ['d1', 'd4', 'd5'], 'd1', ['d6', 'd2', 'd8'])).toBe('d6');
  expect(chooseReplicaTarget(rackOf(), ['d1', 'd4', 'd5', 'd7'], 'd1', ['d2', 'd9'])).toBe('d2');
  expect(chooseReplicaTarget(rackOf(), ['d4'], 'd1', ['d6', 'd2', 'd8'])).toBe('d2');
}, { hint: 'Pasadas las tres primeras, HDFS elige al azar: aquí, el primero de candidates.' });

check('10.2', 'no modifica ningún argumento', () => {
  const r = rackOf();
  const chosen = ['d1', 'd4'];
  const candidates = ['d2', 'd6', 'd5'];
  expect(chooseReplicaTarget(r, chosen, 'd1', candidates)).toBe('d6');
  expect(chosen).toEqual(['d1', 'd4']);
  expect(candidates).toEqual(['d2', 'd6', 'd5']);
  expect(r.size).toBe(9);
  expect(r.get('d6')).toBe('r2');
}, { hint: 'No ordenes ni recortes candidates ni chosen: recórrelos sin cambiarlos.' });
