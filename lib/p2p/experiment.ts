/**
 * What loss and partitions do to flooding, on lib/sim: the same {@link P2PPeer} as over TCP,
 * without retransmission (as a UDP gossip would be), over a bootstrap overlay, for several
 * fan-outs. Coverage (the share of peers that show a line) and duplicates (copies received of
 * a line already seen) per fan-out and condition.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { latency } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { NodeId } from '../sim/types';
import { floodDeliveries } from './checkers';
import type { P2PMessage } from './messages';
import { formatP2PMessage } from './messages';
import { bootstrapLists } from './overlay';
import { P2PPeer } from './peer';
import type { Fanout } from './peer';

/** One network condition of the experiment. */
export interface FloodCondition {
  /** Spanish label for the legend, e.g. «pérdida 10 %». */
  readonly label: string;
  /** Loss probability per message. */
  readonly loss: number;
  /** Fraction of the peers cut off for the whole run (0: no partition). */
  readonly partitionShare?: number;
}

/** Options of {@link simulateFlood}. */
export interface FloodOptions {
  readonly seed: Seed;
  /** Peers (default 30). */
  readonly peers?: number;
  /** Bootstrap contacts per peer (default 3: about 6 neighbours each). */
  readonly contacts?: number;
  readonly fanout: Fanout;
  readonly loss?: number;
  readonly partitionShare?: number;
  /** Lines written, one every 200 ms by random peers (default 10). */
  readonly messages?: number;
  /** Retransmit until acked (default false here: what raw flooding does). */
  readonly reliable?: boolean;
  readonly trace?: boolean;
}

/** The result of one simulated flood. */
export interface FloodRun {
  readonly sim: Simulation<P2PMessage, P2PPeer>;
  readonly peers: number;
  /** Mean share of peers that showed each line (0–1). */
  readonly coverage: number;
  /** Mean copies of an already-seen line received per peer and line. */
  readonly duplicatesPerPeer: number;
  /** Messages sent per line. */
  readonly sentPerMessage: number;
}

/**
 * Runs one flood on the simulator.
 *
 * @example
 * const run = simulateFlood({ seed: 4, fanout: 2, loss: 0.1 });
 * run.coverage; // e.g. 0.93
 */
export function simulateFlood(options: FloodOptions): FloodRun {
  const n = options.peers ?? 30;
  const messages = options.messages ?? 10;
  const ids = Array.from({ length: n }, (_, i) => `p${i + 1}`);
  const rng = createRng(`${String(options.seed)}/p2p-inundación`);
  const bootstrap = bootstrapLists(ids, { contacts: options.contacts ?? 3, rng: rng.fork('overlay') });
  const sim = new Simulation<P2PMessage, P2PPeer>({
    seed: options.seed,
    trace: options.trace ?? false,
    nodeIds: ids,
    formatMessage: formatP2PMessage,
    network: { latency: latency.uniform(5, 25), loss: options.loss ?? 0 },
    createNode: (context) => new P2PPeer(context, { bootstrap: bootstrap.get(context.id) ?? [], fanout: options.fanout, reliable: options.reliable ?? false }),
  });
  // Joins travel before the partition and the loss matter: build the overlay first, losslessly.
  sim.setDefaultLink({ latency: latency.uniform(5, 25) });
  sim.runFor(100);
  sim.setDefaultLink({ latency: latency.uniform(5, 25), loss: options.loss ?? 0 });
  const share = options.partitionShare ?? 0;
  const cut = share > 0 ? rng.sample(ids, Math.max(1, Math.round(n * share))) : [];
  if (cut.length > 0) sim.partition(cut, ids.filter((id) => !cut.includes(id)));
  const sentBefore = sim.stats.sent;
  for (let i = 0; i < messages; i++) {
    const by = rng.choice(ids) as NodeId;
    sim.at(sim.nowMs + i * 200, () => sim.inject(by, { type: 'Post', text: `línea ${i + 1}` }, { from: by }));
  }
  sim.runFor(messages * 200 + 2_000);
  const { posts, shown } = floodDeliveries(sim.outputs);
  const coverage = posts.reduce((sum, post) => sum + (shown.get(post.id)?.size ?? 0) / n, 0) / Math.max(1, posts.length);
  const duplicates = [...sim.nodes.values()].reduce((sum, peer) => sum + peer.duplicates, 0);
  return { sim, peers: n, coverage, duplicatesPerPeer: duplicates / n / Math.max(1, posts.length), sentPerMessage: (sim.stats.sent - sentBefore) / Math.max(1, posts.length) };
}

/** One point of the fan-out experiment. */
export interface FanoutRow {
  readonly condition: string;
  readonly fanout: Fanout;
  /** Mean coverage over the seeds (0–1). */
  readonly coverage: number;
  /** The worst seed's coverage. */
  readonly minCoverage: number;
  readonly duplicatesPerPeer: number;
  readonly sentPerMessage: number;
}

/** The conditions the chapter shows: a clean network, 10 % and 30 % loss, a third of the peers cut off. */
export const FLOOD_CONDITIONS: readonly FloodCondition[] = [
  { label: 'sin fallos', loss: 0 },
  { label: 'pérdida 10 %', loss: 0.1 },
  { label: 'pérdida 30 %', loss: 0.3 },
  { label: 'partición (1/3 aislado)', loss: 0, partitionShare: 1 / 3 },
];

/**
 * Coverage and duplicates for each condition and fan-out, averaged over `seeds` runs.
 *
 * @example
 * const rows = fanoutExperiment({ seed: 1, fanouts: [1, 2, 3, 'all'], seeds: 5 });
 */
export function fanoutExperiment(options: { seed: Seed; fanouts: readonly Fanout[]; seeds: number; conditions?: readonly FloodCondition[]; peers?: number; messages?: number }): FanoutRow[] {
  const rows: FanoutRow[] = [];
  for (const condition of options.conditions ?? FLOOD_CONDITIONS) {
    for (const fanout of options.fanouts) {
      const runs = Array.from({ length: options.seeds }, (_, i) =>
        simulateFlood({
          seed: `${String(options.seed)}/${i}`,
          fanout,
          loss: condition.loss,
          partitionShare: condition.partitionShare ?? 0,
          ...(options.peers === undefined ? {} : { peers: options.peers }),
          ...(options.messages === undefined ? {} : { messages: options.messages }),
        }),
      );
      const mean = (f: (r: FloodRun) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
      rows.push({
        condition: condition.label,
        fanout,
        coverage: mean((r) => r.coverage),
        minCoverage: Math.min(...runs.map((r) => r.coverage)),
        duplicatesPerPeer: mean((r) => r.duplicatesPerPeer),
        sentPerMessage: mean((r) => r.sentPerMessage),
      });
    }
  }
  return rows;
}
