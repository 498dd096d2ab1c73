import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import { channelFigure, simulateChannel } from '../../lib/net/index';

describe('a lossy link: UDP exposes loss and reordering, TCP hides them', () => {
  it('same seed, same trace', () => {
    const run = () => simulateChannel({ mode: 'reliable', rng: createRng(9), lossRate: 0.2 }).trace.join('\n');
    expect(run()).toBe(run());
  });

  it('a perfect link without jitter delivers everything in order in both modes', () => {
    for (const mode of ['datagram', 'reliable'] as const) {
      const result = simulateChannel({ mode, rng: createRng(1), lossRate: 0, jitterMs: 0 });
      expect(result.delivered.map((d) => d.seq)).toEqual([...Array(50).keys()]);
      expect(result.transmissions).toBe(50);
    }
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: reliable delivers all, once, in order; datagram loses or reorders', (seed) => {
    const udp = simulateChannel({ mode: 'datagram', rng: createRng(seed), lossRate: 0.15, packets: 100 });
    const tcp = simulateChannel({ mode: 'reliable', rng: createRng(seed), lossRate: 0.15, packets: 100 });
    const why = `reproduce with seed=${seed}`;
    expect(tcp.delivered.map((d) => d.seq), why).toEqual([...Array(100).keys()]);
    expect(tcp.lost, why).toEqual([]);
    expect(tcp.transmissions, why).toBeGreaterThan(100);
    expect(udp.lost.length + udp.outOfOrder, why).toBeGreaterThan(0);
    expect(udp.delivered.length + udp.lost.length, why).toBe(100);
  });

  it('a reliable sender gives up on a dead link instead of looping forever', () => {
    const result = simulateChannel({ mode: 'reliable', rng: createRng(1), lossRate: 1, packets: 3, maxTransmissions: 4 });
    expect(result.transmissions).toBe(12);
    expect(result.lost).toEqual([0, 1, 2]);
  });

  it('channelFigure draws one series per mode', () => {
    const fig = channelFigure([simulateChannel({ mode: 'datagram', rng: createRng(2) }), simulateChannel({ mode: 'reliable', rng: createRng(2) })]);
    expect(fig.data).toHaveLength(2);
    expect(String(fig.data[0]?.name)).toContain('UDP');
  });
});
