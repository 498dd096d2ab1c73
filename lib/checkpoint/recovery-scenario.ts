/**
 * The recovery sweep scenario: clients deposit into the account server while a nemesis crashes
 * it right after it applies a deposit (and restarts it a little later); at the end, every
 * deposit a client saw acknowledged must be in the recovered state, exactly once.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { checker } from '../sim/checkers';
import type { CheckerFactory } from '../sim/checkers';
import { closedLoopClient } from '../sim/closed-loop-client';
import { crashOnOutput } from '../sim/nemesis';
import { Simulation } from '../sim/simulation';
import { accountServer, recoverAccount } from './recovery';
import type { AccountMessage, AccountServer, AccountServerOptions, AccountState, DepositInput } from './recovery';

/**
 * The checker `noAcknowledgedDepositLost`: at the end of the run, the server's state (or, if it
 * is down, what its disk recovers) contains every deposit acknowledged to a client, and its
 * balance is the sum of the deposits it holds (none applied twice).
 */
export function noAcknowledgedDepositLost(server: string): CheckerFactory<AccountMessage, AccountServer> {
  return checker<AccountMessage, AccountServer>('noAcknowledgedDepositLost', () => ({
    onEvent: () => undefined,
    atEnd(cluster) {
      const state: AccountState = cluster.nodes.get(server)?.state ?? recoverAccount(cluster.durable(server));
      const lost = cluster.history.filter((op) => op.status === 'ok' && state.applied[(op.input as DepositInput).tag] === undefined);
      if (lost.length > 0) {
        const first = lost[0]!;
        return { message: `${lost.length} depósito(s) confirmado(s) perdido(s) tras recuperar; el primero, ${(first.input as DepositInput).tag} (confirmado en t=${Math.round(first.completeMs ?? 0)} ms)`, nodes: [server] };
      }
      const sum = Object.values(state.applied).reduce((s, a) => s + a, 0);
      if (sum !== state.balance) return { message: `el saldo ${state.balance} no es la suma de los depósitos aplicados (${sum})`, nodes: [server] };
      return undefined;
    },
  }));
}

/** Options of {@link recoveryScenario}. */
export interface RecoveryScenarioOptions {
  readonly server?: AccountServerOptions;
  readonly clients?: number;
  readonly durationMs?: number;
}

/**
 * Per seed: 2–4 clients, a crash after an applied deposit with probability 5–30 %, back after
 * 5–100 ms, `'fsync'` durability, loss up to 5 %.
 *
 * @example
 * sweep({ seeds: 300, scenario: recoveryScenario({ server: { ackBeforeLog: true } }) }); // finds lost deposits
 */
export function recoveryScenario(options: RecoveryScenarioOptions = {}): (seed: Seed, run: { trace: boolean }) => Simulation<AccountMessage, AccountServer> {
  return (seed, { trace }) => {
    const rng = createRng(`${seed}/recovery-plan`);
    const clients = options.clients ?? rng.int(2, 4);
    const sim = new Simulation<AccountMessage, AccountServer>({
      seed,
      trace,
      nodeIds: ['bank'],
      durability: 'fsync',
      fsyncMs: rng.uniform(0.5, 3),
      createNode: accountServer({ checkpointEvery: rng.int(2, 8), ...options.server }),
      network: { latency: { kind: 'uniform', minMs: 1, maxMs: rng.uniform(2, 20) }, loss: rng.uniform(0, 0.05) },
      nemesis: crashOnOutput('applied', { restartAfterMs: rng.uniform(5, 100), probability: rng.uniform(0.05, 0.3) }),
      clients: {
        ids: Array.from({ length: clients }, (_, i) => `c${i + 1}`),
        createClient: closedLoopClient<AccountMessage, DepositInput, number>({
          operations: ({ index, rng: r, client }) => ({ amount: r.int(1, 9), tag: `${client}#${index}` }),
          maxOperations: 30,
          timeoutMs: 150,
          retries: 5,
          encode: (input, { requestId }) => ({ type: 'Deposit', requestId, tag: input.tag, amount: input.amount }),
          decode: (m) => (m.type === 'DepositOk' ? { kind: 'ok', requestId: m.requestId, output: m.balance } : undefined),
        }),
      },
      checkers: [noAcknowledgedDepositLost('bank')],
    });
    sim.runFor(options.durationMs ?? 4_000);
    sim.finish();
    return sim;
  };
}
