/**
 * PBFT's messages per executed request against cluster size n = 3f + 1, on a fault-free
 * network: request 1, pre-prepare n − 1, prepare (n − 1)², commit n(n − 1), reply n — O(n²),
 * the price of tolerating liars.
 */
import type { PbftClient } from './client';
import { pbftSimulation } from './scenarios';

/**
 * Messages per request for each f (n = 3f + 1), with one client running `requests` transfers.
 *
 * @example
 * pbftMessagesPerCommand([1, 2]).map((p) => p.perCommand); // [29, 92]: 1 + 3 + 9 + 12 + 4 for n = 4
 */
export function pbftMessagesPerCommand(faults: readonly number[], requests = 10): { nodes: number; commands: number; messages: number; perCommand: number }[] {
  return faults.map((f) => {
    const operations = Array.from({ length: requests }, (_, i) => `transfer A B ${i + 1}`);
    const sim = pbftSimulation({ seed: `pbft-cost/${f}`, f, trace: false, client: { operations } });
    sim.runUntil(() => sim.client<PbftClient>('c1').done, { limitMs: 30_000 });
    sim.runFor(50);
    return { nodes: 3 * f + 1, commands: requests, messages: sim.stats.sent, perCommand: sim.stats.sent / requests };
  });
}
