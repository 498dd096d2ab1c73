/**
 * The classic failure types (Cristian 1991; Hadzilacos & Toueg 1994) as runnable servers: a
 * client asks for x² and judges each answer against a deadline. What the client sees is the
 * lesson: crash, omission and timing failures all look like silence until the deadline; a
 * response failure is an answer that is wrong; a Byzantine server may be right for one client
 * and wrong for another, so no single client can even tell it is faulty.
 */
import type { Figure } from '../plot/index';
import type { Seed } from '../random/index';
import { Simulation } from '../sim/simulation';
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/types';
import { cancelTimer, output, send, setTimer } from '../sim/types';

/** A server's failure type (or none). */
export type FailureType = 'correct' | 'crash' | 'omission' | 'timing' | 'response' | 'byzantine';

/** Every failure type, in the order the chapter shows them. */
export const FAILURE_TYPES: readonly FailureType[] = ['correct', 'crash', 'omission', 'timing', 'response', 'byzantine'];

/** Spanish names of the failure types, for tables and plots. */
export const FAILURE_TYPE_LABELS: Readonly<Record<FailureType, string>> = {
  correct: 'sin fallo', crash: 'caída', omission: 'omisión', timing: 'temporización', response: 'respuesta', byzantine: 'bizantino',
};

/** A query and its answer. */
export type SquareMessage =
  | { readonly type: 'Square'; readonly requestId: number; readonly x: number }
  | { readonly type: 'SquareReply'; readonly requestId: number; readonly value: number };

/** What the client concluded about one request. */
export type Outcome = 'ok' | 'sin respuesta' | 'tarde' | 'incorrecta';

/** Options of the faulty server. */
export interface FaultyServerOptions {
  readonly failure: FailureType;
  /** Crash: stops for good at this time (default 500 ms). */
  readonly crashAtMs?: number;
  /** Omission: probability of dropping a reply (default 0.3). */
  readonly omission?: number;
  /** Timing: extra delay of every reply (default 150 ms, past the client's 100 ms deadline). */
  readonly lateByMs?: number;
}

class FaultyServer implements ProtocolNode<SquareMessage> {
  readonly id: NodeId;
  private crashed = false;
  private readonly held = new Map<string, SquareMessage & { to: NodeId }>();
  private n = 0;
  constructor(private readonly context: NodeContext, private readonly options: FaultyServerOptions) {
    this.id = context.id;
  }
  start(): Effect<SquareMessage>[] {
    return this.options.failure === 'crash' ? [setTimer('crash', this.options.crashAtMs ?? 500)] : [];
  }
  step(input: Input<SquareMessage>): Effect<SquareMessage>[] {
    if (input.type === 'timer') {
      if (input.name === 'crash') this.crashed = true;
      const late = this.held.get(input.name);
      if (late === undefined) return [];
      this.held.delete(input.name);
      return [send(late.to, { type: 'SquareReply', requestId: (late as { requestId: number }).requestId, value: (late as { value: number }).value })];
    }
    const m = input.message as Partial<Record<string, unknown>> | null;
    if (this.crashed) return [];
    if (typeof m !== 'object' || m === null || m.type !== 'Square' || typeof m.x !== 'number' || typeof m.requestId !== 'number') return [output('ignored', { from: input.from })];
    const rng = this.context.rng;
    let value = m.x * m.x;
    switch (this.options.failure) {
      case 'omission':
        if (rng.bernoulli(this.options.omission ?? 0.3)) return [];
        break;
      case 'timing': {
        const name = `late-${++this.n}`;
        this.held.set(name, { type: 'SquareReply', requestId: m.requestId, value, to: input.from });
        return [setTimer(name, this.options.lateByMs ?? 150)];
      }
      case 'response':
        value += 1; // a bug: always off by one, to everybody
        break;
      case 'byzantine':
        // Arbitrary, and two-faced: right to c1, lies to c2 now and then, garbage at times.
        if (input.from !== 'c1' && rng.bernoulli(0.5)) value = rng.bernoulli(0.5) ? value * 2 : -rng.int(1, 1_000);
        break;
      default:
        break;
    }
    return [send(input.from, { type: 'SquareReply', requestId: m.requestId, value })];
  }
}

class SquareClient implements ProtocolNode<SquareMessage> {
  readonly id: NodeId;
  private next = 0;
  private readonly pending = new Map<number, { x: number; sentMs: number }>();
  constructor(private readonly context: NodeContext, private readonly deadlineMs: number) {
    this.id = context.id;
  }
  start(): Effect<SquareMessage>[] {
    return [setTimer('ask', 10)];
  }
  step(input: Input<SquareMessage>, nowMs: number): Effect<SquareMessage>[] {
    if (input.type === 'timer') {
      if (input.name.startsWith('deadline-')) {
        const id = Number(input.name.slice('deadline-'.length));
        if (!this.pending.has(id)) return [];
        return [output('outcome', { requestId: id, outcome: 'sin respuesta' as Outcome })];
      }
      const requestId = ++this.next;
      const x = this.context.rng.int(1, 20);
      this.pending.set(requestId, { x, sentMs: nowMs });
      return [send('servidor', { type: 'Square', requestId, x }), setTimer(`deadline-${requestId}`, this.deadlineMs), setTimer('ask', 50)];
    }
    const m = input.message;
    if (m.type !== 'SquareReply') return [];
    const asked = this.pending.get(m.requestId);
    if (asked === undefined) return [];
    this.pending.delete(m.requestId);
    const late = nowMs - asked.sentMs > this.deadlineMs;
    // A reply after the deadline was already reported as silence; now we know it was late.
    const outcome: Outcome = late ? 'tarde' : m.value === asked.x * asked.x ? 'ok' : 'incorrecta';
    return [cancelTimer(`deadline-${m.requestId}`), output('outcome', { requestId: m.requestId, outcome, replaceSilence: late })];
  }
}

/** Per client, how many requests ended each way. */
export type OutcomeCounts = Record<Outcome, number>;

/**
 * Runs one failure type: a server, two clients asking every 50 ms with a 100 ms deadline.
 *
 * @example
 * runFailureType('omission', { seed: 1 }).get('c1'); // { ok: ≈ 28, 'sin respuesta': ≈ 12, tarde: 0, incorrecta: 0 }
 */
export function runFailureType(failure: FailureType, options: { seed: Seed; durationMs?: number } & Omit<FaultyServerOptions, 'failure'>): Map<NodeId, OutcomeCounts> {
  if (!FAILURE_TYPES.includes(failure)) throw new RangeError(`runFailureType: tipo de fallo desconocido ${JSON.stringify(failure)} (válidos: ${FAILURE_TYPES.join(', ')})`);
  const sim = new Simulation<SquareMessage>({
    seed: `${options.seed}/${failure}`,
    trace: false,
    nodeIds: ['servidor'],
    createNode: (c) => new FaultyServer(c, { ...options, failure }),
    network: { latency: { kind: 'uniform', minMs: 5, maxMs: 20 } },
    clients: { ids: ['c1', 'c2'], createClient: (c) => new SquareClient(c, 100) },
  });
  sim.runFor(options.durationMs ?? 2_000);
  const counts = new Map<NodeId, OutcomeCounts>();
  for (const id of ['c1', 'c2']) counts.set(id, { ok: 0, 'sin respuesta': 0, tarde: 0, incorrecta: 0 });
  for (const o of sim.outputs) {
    if (o.label !== 'outcome') continue;
    const c = counts.get(o.node) as OutcomeCounts;
    const d = o.data as { outcome: Outcome; replaceSilence?: boolean };
    if (d.replaceSilence) c['sin respuesta']--;
    c[d.outcome]++;
  }
  return counts;
}

/**
 * What the client saw, per failure type: stacked bars of ok / silence / late / wrong answers for
 * each client (c1 and c2 side by side, so a two-faced Byzantine server shows).
 */
export function failureTypesFigure(results: ReadonlyMap<FailureType, Map<NodeId, OutcomeCounts>>): Figure {
  const outcomes: Outcome[] = ['ok', 'sin respuesta', 'tarde', 'incorrecta'];
  const colors: Record<Outcome, string> = { ok: '#2ca02c', 'sin respuesta': '#7f7f7f', tarde: '#ff7f0e', incorrecta: '#d62728' };
  const x: string[][] = [[], []];
  for (const [failure, byClient] of results) for (const client of byClient.keys()) { x[0]?.push(FAILURE_TYPE_LABELS[failure]); x[1]?.push(client); }
  return {
    data: outcomes.map((outcome) => ({
      type: 'bar',
      name: outcome,
      x,
      y: [...results.values()].flatMap((byClient) => [...byClient.values()].map((c) => c[outcome])),
      marker: { color: colors[outcome] },
    })),
    layout: { title: 'Qué ve un cliente de cada tipo de fallo', barmode: 'stack', xaxis: { title: 'tipo de fallo del servidor / cliente' }, yaxis: { title: 'peticiones' } },
  };
}
