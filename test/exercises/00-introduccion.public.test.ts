// Public checks of chapter 00: one per requirement stated in the exercises' Spanish statements
// (the docstrings of parallelAvailability, fanOutLatency and seriesAvailability).
import { expect } from 'vitest';
import { parallelAvailability, seriesAvailability } from '../../lib/availability/availability';
import { fanOutLatency } from '../../lib/fanout/fanout';
import { check } from './check';

check('00.1', 'una réplica tiene la disponibilidad de la réplica', () => {
  expect(parallelAvailability(0.99, 1)).toBeCloseTo(0.99, 12);
  expect(parallelAvailability(0.5, 1)).toBeCloseTo(0.5, 12);
}, { hint: 'Con n = 1 el servicio cae exactamente cuando cae su única réplica.' });

check('00.1', 'dos réplicas al 99 % dan 99,99 %', () => {
  expect(parallelAvailability(0.99, 2)).toBeCloseTo(0.9999, 12);
}, { hint: 'El servicio solo cae si caen todas a la vez: ¿con qué probabilidad cae cada una?', points: 2 });

check('00.1', 'vale para cualquier número de réplicas (3 al 90 % dan 99,9 %; 5 al 50 %)', () => {
  expect(parallelAvailability(0.9, 3)).toBeCloseTo(0.999, 12);
  expect(parallelAvailability(0.5, 5)).toBeCloseTo(0.96875, 12);
}, { hint: 'No lo resuelvas solo para 1 o 2 réplicas: ¿qué tiene que pasarles a las n réplicas para que el servicio caiga?' });

check('00.1', 'casos límite: réplicas siempre caídas (a = 0) o siempre disponibles (a = 1)', () => {
  expect(parallelAvailability(0, 5)).toBeCloseTo(0, 12);
  expect(parallelAvailability(1, 3)).toBeCloseTo(1, 12);
}, { hint: 'Si ninguna réplica está nunca disponible, el servicio tampoco; si todas lo están siempre, el servicio también.' });

check('00.2', 'en secuencia se espera la suma', () => {
  expect(fanOutLatency([40, 60, 30], 'secuencial')).toBe(130);
}, { hint: 'Una llamada empieza cuando termina la anterior.' });

check('00.2', 'en paralelo se espera a la más lenta', () => {
  expect(fanOutLatency([40, 60, 30], 'paralelo')).toBe(60);
  expect(fanOutLatency([90, 60, 30], 'paralelo')).toBe(90);
  expect(fanOutLatency([10, 60, 95], 'paralelo')).toBe(95);
}, { hint: 'Las llamadas salen a la vez: la página está lista cuando llega la última respuesta, esté donde esté en la lista.' });

check('00.2', 'cualquier número de servicios, con decimales, y un solo servicio', () => {
  const latencies = [12.5, 7.25, 30, 1.5, 48.75];
  expect(fanOutLatency(latencies, 'secuencial')).toBeCloseTo(100, 9);
  expect(fanOutLatency(latencies, 'paralelo')).toBeCloseTo(48.75, 9);
  expect(fanOutLatency([42.5], 'secuencial')).toBeCloseTo(42.5, 9);
  expect(fanOutLatency([42.5], 'paralelo')).toBeCloseTo(42.5, 9);
}, { hint: 'Recorre todas las latencias, sean cuantas sean, y no redondees.' });

check('00.2', 'sin servicios no se espera nada, en ningún modo', () => {
  expect(fanOutLatency([], 'secuencial')).toBe(0);
  expect(fanOutLatency([], 'paralelo')).toBe(0);
  expect(fanOutLatency([20, 10], 'secuencial')).toBe(30); // y con servicios, sí
}, { hint: 'Con la lista vacía la respuesta es 0: ¿qué devuelve tu cálculo del máximo si no hay ningún elemento?' });

check('00.2', 'responde sin modificar la lista de latencias', () => {
  const latencies = [30, 10, 20];
  expect(fanOutLatency(latencies, 'paralelo')).toBe(30);
  expect(fanOutLatency(latencies, 'secuencial')).toBe(60);
  expect(latencies).toEqual([30, 10, 20]);
}, { hint: 'Ordenar la lista (sort) la cambia para quien te llamó: no hace falta ordenar.' });

check('00.3', 'una cadena multiplica las disponibilidades', () => {
  expect(seriesAvailability([0.9, 0.9])).toBeCloseTo(0.81, 12);
  expect(seriesAvailability([0.999, 0.999, 0.999])).toBeCloseTo(0.997002999, 12);
}, { hint: 'La petición necesita que todos los servicios de la cadena respondan.' });

check('00.3', 'cadenas de cualquier longitud, también de un solo servicio', () => {
  expect(seriesAvailability([0.95])).toBeCloseTo(0.95, 12);
  expect(seriesAvailability([0.5, 0.5, 0.5, 0.5, 0.5, 0.5])).toBeCloseTo(0.015625, 12);
}, { hint: 'Usa todos los elementos de la lista, el primero y el último incluidos.' });

check('00.3', 'la cadena vacía tiene disponibilidad 1', () => {
  expect(seriesAvailability([])).toBe(1);
  expect(seriesAvailability([0.5])).toBeCloseTo(0.5, 12); // y una cadena con servicios, no
}, { hint: 'Sin servicios no hay nada que pueda fallar: ¿con qué valor empieza un producto?' });

check('00.3', 'responde sin modificar la lista de disponibilidades', () => {
  const chain = [0.9, 0.8];
  expect(seriesAvailability(chain)).toBeCloseTo(0.72, 12);
  expect(chain).toEqual([0.9, 0.8]);
}, { hint: 'Calcula el resultado sin cambiar el array que recibes.' });
