/**
 * The chapter's setting: five bank replicas in two regions (Europa: eu1–eu3, América: us1–us2),
 * clients on both sides talking to their own region, a transatlantic link of ~40 ms, and an
 * optional partition between the regions that starts and heals. Clients stop `settleMs` before
 * the end, so the run ends quiet and AP replicas have time to converge.
 * @packageDocumentation
 */
import type { Seed } from '../random/index';
import { Simulation } from '../sim/simulation';
import type { CheckerFactory } from '../sim/checkers';
import type { NetworkModel, LinkOverride } from '../sim/network';
import type { Fault } from '../sim/faults';
import { latency } from '../sim/network';
import type { NodeId } from '../sim/types';
import { bankClient, bankReplica, bankWorkload } from './bank';
import type { BankReplica } from './bank';
import type { BankMessage } from './messages';
import type { BankNodeOptions } from './options';
import type { BankOperation } from './operations';
import { DEFAULT_BANK_OPTIONS } from './options';

/** The Europe replicas (the majority; `eu1` is the CP primary). */
export const EUROPE: readonly NodeId[] = ['eu1', 'eu2', 'eu3'];
/** The America replicas (the minority). */
export const AMERICA: readonly NodeId[] = ['us1', 'us2'];
/** Every replica. */
export const REPLICAS: readonly NodeId[] = [...EUROPE, ...AMERICA];
/** Clients in Europe and in America. */
export const EUROPE_CLIENTS: readonly NodeId[] = ['cliente-eu1', 'cliente-eu2'];
export const AMERICA_CLIENTS: readonly NodeId[] = ['cliente-us1', 'cliente-us2'];

/** Options of {@link bankSimulation}. */
export interface BankSimulationOptions {
  readonly seed: Seed;
  /** The replicas' options (mode, strategy…). */
  readonly bank?: Partial<BankNodeOptions>;
  /** The regions' partition: from `atMs` to `healAtMs` (clients stay with their region). */
  readonly partition?: { readonly atMs: number; readonly healAtMs: number };
  /** Clients stop issuing operations at this time (default 3,000 ms). */
  readonly activeMs?: number;
  /** Quiet time after the clients stop (default 1,000 ms). */
  readonly settleMs?: number;
  /** Extra faults (a swarm plan's). */
  readonly faults?: readonly Fault[];
  /** A network replacing the two-region one (a swarm plan's; cross-region links keep ~40 ms). */
  readonly network?: NetworkModel;
  readonly checkers?: readonly CheckerFactory<BankMessage, BankReplica>[];
  readonly clocks?: { readonly maxOffsetMs?: number; readonly maxDriftPpm?: number };
  readonly trace?: boolean;
  /** Client think time (default 10–60 ms). */
  readonly thinkMs?: number | { readonly minMs: number; readonly maxMs: number };
  /** Scripted clients instead of the random workload: client id → its operations, in order. */
  readonly script?: Readonly<Record<string, readonly BankOperation[]>>;
}

/**
 * The lecture's story as a script (one client per region, 250 ms apart): both read, both
 * deposit (30 in Europe, 50 in America), both withdraw 120, then both read three times. With a
 * partition from 400 to 1,300 ms, the deposits and withdrawals happen on both sides of it.
 */
export const LECTURE_SCRIPT: Readonly<Record<string, readonly BankOperation[]>> = {
  'cliente-eu1': [
    { f: 'balance', account: 'ana' },
    { f: 'deposit', account: 'ana', amount: 30 },
    { f: 'withdraw', account: 'ana', amount: 120 },
    { f: 'balance', account: 'ana' },
    { f: 'balance', account: 'ana' },
    { f: 'balance', account: 'ana' },
  ],
  'cliente-us1': [
    { f: 'balance', account: 'ana' },
    { f: 'deposit', account: 'ana', amount: 50 },
    { f: 'withdraw', account: 'ana', amount: 120 },
    { f: 'balance', account: 'ana' },
    { f: 'balance', account: 'ana' },
    { f: 'balance', account: 'ana' },
  ],
};

/** The simulated network: 1–4 ms inside a region, 35–45 ms across the Atlantic. */
export function twoRegionNetwork(base: NetworkModel = { latency: latency.uniform(1, 4) }): NetworkModel {
  const europe = [...EUROPE, ...EUROPE_CLIENTS];
  const america = [...AMERICA, ...AMERICA_CLIENTS];
  const links: LinkOverride[] = [...(base.links ?? [])];
  for (const a of europe) for (const b of america) links.push({ ...base, latency: latency.uniform(35, 45), from: a, to: b, bothWays: true });
  return { ...base, links };
}

/**
 * Builds the bank's simulation (run it with `sim.runFor(activeMs + settleMs)`).
 *
 * @example
 * const sim = bankSimulation({ seed: 1, bank: { mode: 'ap', strategy: 'lww' }, partition: { atMs: 1_000, healAtMs: 2_000 } });
 * sim.runFor(4_000);
 */
export function bankSimulation(options: BankSimulationOptions): Simulation<BankMessage, BankReplica> {
  const activeMs = options.activeMs ?? 3_000;
  let sim: Simulation<BankMessage, BankReplica> | undefined;
  const stillActive = () => sim === undefined || sim.nowMs < activeMs;
  const workload = bankWorkload(options.bank?.accounts ?? DEFAULT_BANK_OPTIONS.accounts);
  const client = (servers: readonly NodeId[]) =>
    bankClient({
      servers,
      operations: (next) => (stillActive() ? workload(next) : undefined),
      ...(options.thinkMs === undefined ? {} : { thinkMs: options.thinkMs }),
    });
  const europeClient = client(EUROPE);
  const americaClient = client(AMERICA);
  const script = options.script;
  const clientIds = script === undefined ? [...EUROPE_CLIENTS, ...AMERICA_CLIENTS] : Object.keys(script);
  for (const id of clientIds) {
    if (!EUROPE_CLIENTS.includes(id) && !AMERICA_CLIENTS.includes(id)) {
      throw new Error(`bankSimulation: cliente desconocido «${id}» en el guion (se esperaba ${[...EUROPE_CLIENTS, ...AMERICA_CLIENTS].join(', ')})`);
    }
  }
  const faults: Fault[] = [...(options.faults ?? [])];
  if (options.partition !== undefined) {
    const { atMs, healAtMs } = options.partition;
    const side = (ids: readonly NodeId[]) => clientIds.filter((id) => ids.includes(id));
    faults.push({ type: 'partition', atMs, healAtMs, groups: [[...EUROPE, ...side(EUROPE_CLIENTS)], [...AMERICA, ...side(AMERICA_CLIENTS)]] });
  }
  const scripted = (id: NodeId) =>
    bankClient({ servers: EUROPE_CLIENTS.includes(id) ? EUROPE : AMERICA, operations: script?.[id] ?? [], thinkMs: options.thinkMs ?? 250 });
  sim = new Simulation<BankMessage, BankReplica>({
    seed: options.seed,
    trace: options.trace ?? true,
    nodeIds: REPLICAS,
    createNode: bankReplica(options.bank),
    network: twoRegionNetwork(options.network),
    faults,
    ...(options.clocks === undefined ? {} : { clocks: options.clocks }),
    ...(options.checkers === undefined ? {} : { checkers: options.checkers }),
    clients: {
      ids: clientIds,
      createClient: (context) =>
        script !== undefined ? scripted(context.id)(context) : (EUROPE_CLIENTS.includes(context.id) ? europeClient : americaClient)(context),
    },
  });
  return sim;
}

