// Convention rule 3 (lib/exercises/README.md): input validation sits before each exercise
// region, in teacher code, so bad input gets a clear error whatever the submission does.
// These pass in the student edition too, where the regions are stubs.
import { describe, expect, it } from 'vitest';
import { parallelAvailability, seriesAvailability } from '../../lib/availability/availability';
import { lamportReceive } from '../../lib/clocks/lamport';
import { compareVectorClocks, mergeVectorClocks } from '../../lib/clocks/vector';
import type { VectorClock } from '../../lib/clocks/vector';
import { fanOutLatency } from '../../lib/fanout/fanout';
import type { FanOutMode } from '../../lib/fanout/fanout';
import { applyPaymentOnce, createLedger } from '../../lib/messaging/idempotent';
import type { Payment } from '../../lib/messaging/idempotent';

describe('exercise functions reject bad input before the region runs', () => {
  it.each([
    ['00.1 a outside [0, 1]', () => parallelAvailability(1.5, 2), /a debe ser una probabilidad/],
    ['00.1 a NaN', () => parallelAvailability(Number.NaN, 2), /a debe ser una probabilidad/],
    ['00.1 n = 0', () => parallelAvailability(0.5, 0), /n debe ser un entero >= 1/],
    ['00.1 n not an integer', () => parallelAvailability(0.5, 1.5), /n debe ser un entero >= 1/],
    ['00.3 an availability above 1', () => seriesAvailability([0.5, 2]), /availabilities\[1\]/],
    ['00.2 a negative latency', () => fanOutLatency([10, -1], 'paralelo'), /latenciesMs\[1\]/],
    ['00.2 an infinite latency', () => fanOutLatency([Infinity], 'secuencial'), /latenciesMs\[0\]/],
    ['00.2 a latency that is not a number', () => fanOutLatency(['5' as unknown as number], 'secuencial'), /latenciesMs\[0\]/],
    ['00.2 an unknown mode', () => fanOutLatency([1], 'mixto' as FanOutMode), /modo desconocido/],
    ['01.3 a zero amount', () => applyPaymentOnce(createLedger(), { paymentId: 'p1', account: 'ana', amount: 0 }), /amount/],
    ['01.3 a missing account', () => applyPaymentOnce(createLedger(), { paymentId: 'p1', amount: 5 } as Payment), /account/],
    ['02.1 a negative clock', () => lamportReceive(-1, 0), /local debe ser un entero >= 0/],
    ['02.1 a fractional stamp', () => lamportReceive(1, 2.5), /received debe ser un entero >= 0/],
    ['02.2 a negative counter', () => compareVectorClocks(new Map([['A', -1]]), new Map()), /contador de A/],
    ['02.2 a vector that is not a Map', () => compareVectorClocks({ A: 1 } as unknown as VectorClock, new Map()), /debe ser un Map/],
    ['02.3 a fractional counter', () => mergeVectorClocks(new Map(), new Map([['B', 0.5]])), /contador de B/],
  ])('%s', (_case, call, message) => {
    expect(call).toThrow(message);
  });
});
