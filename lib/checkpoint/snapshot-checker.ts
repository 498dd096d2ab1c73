/**
 * The invariant a bank snapshot must keep, and the sweep scenario that tries to break it.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { checker } from '../sim/checkers';
import type { CheckerFactory } from '../sim/checkers';
import { Simulation } from '../sim/simulation';
import type { NodeId } from '../sim/types';
import { bankBranch } from './bank';
import type { BankBranch, BankOptions, LocalSnapshot } from './bank';
import type { BankMessage } from './messages';

/** The total a complete snapshot adds up to: balances plus channels. */
export function snapshotTotal(locals: readonly LocalSnapshot[]): number {
  return locals.reduce((s, l) => s + l.balance + Object.values(l.channels).reduce((a, b) => a + b, 0), 0);
}

/**
 * The checker `snapshotConservesMoney`: once every branch has reported its part of the snapshot,
 * balances plus recorded channels must equal `total`; and at the end of the run the snapshot
 * must be complete (every branch got a marker on every channel), since the channels are reliable.
 *
 * @example
 * new Simulation({ …, createNode: bankBranch({ fifo: false }), checkers: [snapshotConservesMoney(300)] });
 */
export function snapshotConservesMoney(total: number, options: { requireComplete?: boolean } = {}): CheckerFactory<BankMessage, BankBranch> {
  return checker<BankMessage, BankBranch>('snapshotConservesMoney', () => {
    const locals = new Map<NodeId, LocalSnapshot>();
    return {
      onEvent(event, cluster) {
        if (event.kind !== 'output' || event.label !== 'snapshot') return undefined;
        locals.set(event.node, event.data as LocalSnapshot);
        if (locals.size < cluster.nodes.size + cluster.crashed.size) return undefined;
        const sum = snapshotTotal([...locals.values()]);
        if (sum === total) return undefined;
        const detail = [...locals.values()].map((l) => `${l.node}=${l.balance}${Object.entries(l.channels).filter(([, v]) => v > 0).map(([c, v]) => ` +${v} en ${c}→${l.node}`).join('')}`).join(', ');
        return { message: `la instantánea suma ${sum}, pero el banco tiene ${total} (${sum > total ? 'dinero creado' : 'dinero perdido'}): ${detail}`, nodes: [...locals.keys()] };
      },
      atEnd(cluster) {
        if (options.requireComplete === false || locals.size === cluster.nodes.size + cluster.crashed.size) return undefined;
        return `la instantánea no terminó: solo ${locals.size} de ${cluster.nodes.size + cluster.crashed.size} sucursales la completaron`;
      },
    };
  });
}

/** Options of {@link chandyLamportScenario}. */
export interface ChandyLamportScenarioOptions {
  /** Restore FIFO order (default true: the correct setting). */
  readonly fifo?: boolean;
  /** Branches (default: 3 to 5, drawn per seed). */
  readonly nodes?: number;
  /** Simulated length (default 1,500 ms). */
  readonly durationMs?: number;
  readonly bank?: BankOptions;
}

/**
 * The Chandy–Lamport sweep scenario: per seed, 3–5 branches, a network with latency 1–60 ms,
 * reordering (0–50 %, up to 80 ms extra), duplication (0–10 %), a snapshot at a random moment.
 * No loss and no crashes: the algorithm assumes reliable channels and processes.
 *
 * @example
 * sweep({ seeds: 300, scenario: chandyLamportScenario({ fifo: false }) }); // some seeds create or lose money
 */
export function chandyLamportScenario(options: ChandyLamportScenarioOptions = {}): (seed: Seed, run: { trace: boolean }) => Simulation<BankMessage, BankBranch> {
  return (seed, { trace }) => {
    const rng = createRng(`${seed}/bank-plan`);
    const n = options.nodes ?? rng.int(3, 5);
    const nodeIds = Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));
    const initialBalance = options.bank?.initialBalance ?? 100;
    const maxLatency = rng.uniform(5, 60);
    const sim = new Simulation<BankMessage, BankBranch>({
      seed,
      trace,
      nodeIds,
      createNode: bankBranch({ snapshotAtMs: rng.uniform(20, 600), transferEveryMs: rng.uniform(2, 30), ...options.bank, fifo: options.fifo ?? true }),
      network: { latency: { kind: 'uniform', minMs: 1, maxMs: maxLatency }, reorder: rng.uniform(0, 0.5), reorderDelayMs: 80, duplicate: rng.uniform(0, 0.1) },
      checkers: [snapshotConservesMoney(initialBalance * n)],
    });
    sim.runFor(options.durationMs ?? 1_500);
    sim.finish();
    return sim;
  };
}
