import { describe, expect } from 'vitest';
import { parallelAvailability, seriesAvailability } from '../../lib/availability/index';
import { fanOutLatency } from '../../lib/fanout/index';
import { check } from './check';

describe('capítulo 00 · comprobaciones públicas', () => {
  check('00.1', 'una réplica tiene la disponibilidad de la réplica', () => {
    expect(parallelAvailability(0.99, 1)).toBeCloseTo(0.99, 12);
  }, { hint: 'Con n = 1 el servicio cae exactamente cuando cae su única réplica.' });

  check('00.1', 'dos réplicas al 99 % dan 99,99 %', () => {
    expect(parallelAvailability(0.99, 2)).toBeCloseTo(0.9999, 12);
  }, { hint: 'El servicio solo cae si caen todas: multiplica las probabilidades de fallo (1 − a).', points: 2 });

  check('00.2', 'en secuencia se espera la suma', () => {
    expect(fanOutLatency([40, 60, 30], 'secuencial')).toBe(130);
  }, { hint: 'Una llamada empieza cuando termina la anterior.' });

  check('00.2', 'en paralelo se espera a la más lenta', () => {
    expect(fanOutLatency([40, 60, 30], 'paralelo')).toBe(60);
  }, { hint: 'Las tres llamadas salen a la vez: la página está lista cuando llega la última respuesta.' });

  check('00.3', 'una cadena multiplica las disponibilidades', () => {
    expect(seriesAvailability([0.9, 0.9])).toBeCloseTo(0.81, 12);
  }, { hint: 'La petición necesita que todos los servicios de la cadena respondan.' });
});
