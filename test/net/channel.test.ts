import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import { ChannelSender, channelFigure, RECEIVER_ID, SENDER_ID, simulateChannel } from '../../lib/net/index';
import { spaceTimeDiagram } from '../../lib/sim/index';

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

  it.each([1, 2, 3])('seed %i: a reordering network (no loss, no jitter) reorders UDP; TCP still delivers in order', (seed) => {
    const options = { rng: createRng(seed), lossRate: 0, jitterMs: 0, reorderRate: 0.3, packets: 60 };
    const udp = simulateChannel({ ...options, mode: 'datagram' });
    const tcp = simulateChannel({ ...options, mode: 'reliable' });
    const why = `reproduce with seed=${seed}`;
    expect(udp.lost, why).toEqual([]);
    expect(udp.outOfOrder, why).toBeGreaterThan(0);
    expect(tcp.delivered.map((d) => d.seq), why).toEqual([...Array(60).keys()]);
  });

  it.each([1, 2, 3])('seed %i: a duplicating network shows duplicates to UDP; TCP delivers each packet once', (seed) => {
    const options = { rng: createRng(seed), lossRate: 0, duplicateRate: 0.3, packets: 60 };
    const udp = simulateChannel({ ...options, mode: 'datagram' });
    const tcp = simulateChannel({ ...options, mode: 'reliable' });
    const why = `reproduce with seed=${seed}`;
    expect(udp.duplicates, why).toBeGreaterThan(0);
    expect(udp.delivered.length, why).toBe(60 + udp.duplicates);
    expect(tcp.duplicates, why).toBe(0);
    expect(tcp.delivered.map((d) => d.seq), why).toEqual([...Array(60).keys()]);
  });

  it('the reliable sender is a state machine: an ack cancels the retransmission timer, a timeout retransmits', () => {
    const sender = new ChannelSender({ mode: 'reliable', packets: 2, sendIntervalMs: 2, rtoMs: 40, maxTransmissions: 3 });
    expect(sender.start(0)).toEqual([
      { type: 'send', to: RECEIVER_ID, message: { type: 'Data', seq: 0 } },
      { type: 'setTimer', name: 'rto#0', afterMs: 40 },
      { type: 'setTimer', name: 'siguiente', afterMs: 2 },
    ]);
    expect(sender.step({ type: 'message', from: RECEIVER_ID, message: { type: 'Ack', seq: 0 } }, 20)).toEqual([{ type: 'cancelTimer', name: 'rto#0' }]);
    sender.step({ type: 'timer', name: 'siguiente' }, 2);
    expect(sender.step({ type: 'timer', name: 'rto#1' }, 42)).toContainEqual({ type: 'send', to: RECEIVER_ID, message: { type: 'Data', seq: 1 } });
    expect(sender.transmissions).toBe(3);
  });

  it('a lossy UDP exchange draws as a space-time diagram with the lost packets crossed out', () => {
    const udp = simulateChannel({ mode: 'datagram', rng: createRng(1), packets: 8, lossRate: 0.3 });
    expect(udp.lost.length).toBeGreaterThan(0);
    expect(udp.events.filter((e) => e.kind === 'drop')).toHaveLength(udp.lost.length);
    const fig = spaceTimeDiagram(udp.events, { nodeIds: [SENDER_ID, RECEIVER_ID], labels: 'none' });
    const dropped = fig.data.find((t) => t.name === 'mensaje perdido');
    expect((dropped?.x as unknown[] | undefined)?.length).toBe(udp.lost.length);
  });
});
