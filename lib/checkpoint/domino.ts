/**
 * Uncoordinated checkpoints and the domino effect (Randell 1975): each process checkpoints on its
 * own schedule; after a failure, every message received inside the recovery line but sent outside
 * it (an orphan) drags its receiver further back, possibly all the way to the start.
 */
import type { Figure } from '../plot/index';
import { seriesColor } from '../plot/index';
import type { Seed } from '../random/index';
import { Simulation } from '../sim/simulation';
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/types';
import { output, send, setTimer } from '../sim/types';
import { validateRun } from './exercises';
import type { RunMessage } from './exercises';

/** One rollback of the chain: `process` goes back from `fromMs` to `toMs` because of `orphan`. */
export interface RollbackStep {
  readonly process: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly orphan: RunMessage | undefined;
}

/** A recovery line and how it was reached. */
export interface RecoveryLineResult {
  readonly line: Record<string, number>;
  readonly steps: RollbackStep[];
}

/**
 * The teacher's recovery line (exercise 08.3 is the student's), with the chain of rollbacks.
 *
 * @example
 * computeRecoveryLine({ P: [10], Q: [5] }, [{ from: 'P', to: 'Q', sentMs: 12, receivedMs: 14 }], 'P', 20).line; // { P: 10, Q: 5 }
 */
export function computeRecoveryLine(checkpoints: Record<string, number[]>, messages: readonly RunMessage[], failed: string, failedAtMs: number): RecoveryLineResult {
  validateRun(checkpoints, messages, failed, failedAtMs);
  const before = (p: string, t: number, inclusive: boolean) => Math.max(0, ...(checkpoints[p] ?? []).filter((c) => (inclusive ? c <= t : c < t)));
  const line: Record<string, number> = {};
  for (const p of Object.keys(checkpoints)) line[p] = failedAtMs;
  const steps: RollbackStep[] = [{ process: failed, fromMs: failedAtMs, toMs: before(failed, failedAtMs, true), orphan: undefined }];
  line[failed] = steps[0]!.toMs;
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of messages) {
      if (m.receivedMs < (line[m.to] as number) && m.sentMs > (line[m.from] as number)) {
        const toMs = before(m.to, m.receivedMs, false);
        steps.push({ process: m.to, fromMs: line[m.to] as number, toMs, orphan: m });
        line[m.to] = toMs;
        changed = true;
      }
    }
  }
  return { line, steps };
}

type ChatMessage = { readonly type: 'Work'; readonly sentMs: number };

/** A process that sends work messages at random and checkpoints on its own, uncoordinated schedule. */
class CheckpointingProcess implements ProtocolNode<ChatMessage> {
  readonly id: NodeId;
  private readonly peers: NodeId[];
  constructor(private readonly context: NodeContext, private readonly sendEveryMs: number, private readonly checkpointEveryMs: number) {
    this.id = context.id;
    this.peers = context.nodeIds.filter((p) => p !== this.id);
  }
  start(): Effect<ChatMessage>[] {
    return [setTimer('send', this.context.rng.exponential(this.sendEveryMs)), setTimer('checkpoint', this.context.rng.exponential(this.checkpointEveryMs))];
  }
  step(input: Input<ChatMessage>, nowMs: number): Effect<ChatMessage>[] {
    if (input.type === 'message') return [output('received', { from: input.from, sentMs: (input.message as ChatMessage).sentMs })];
    if (input.name === 'checkpoint') return [output('checkpoint'), setTimer('checkpoint', this.context.rng.exponential(this.checkpointEveryMs))];
    return [send(this.context.rng.choice(this.peers), { type: 'Work', sentMs: nowMs }), setTimer('send', this.context.rng.exponential(this.sendEveryMs))];
  }
}

/** A recorded run: checkpoints per process and messages (integer ms, no ties with checkpoints). */
export interface CheckpointRun {
  readonly checkpoints: Record<string, number[]>;
  readonly messages: RunMessage[];
  readonly failed: string;
  readonly failedAtMs: number;
}

/**
 * Runs processes that talk and checkpoint independently on the simulator, until `failed` crashes.
 *
 * @example
 * const run = uncoordinatedRun({ seed: 3 });
 * computeRecoveryLine(run.checkpoints, run.messages, run.failed, run.failedAtMs).steps.length;
 */
export function uncoordinatedRun(options: { seed: Seed; processes?: number; durationMs?: number; sendEveryMs?: number; checkpointEveryMs?: number }): CheckpointRun {
  const n = options.processes ?? 3;
  const ids = Array.from({ length: n }, (_, i) => `P${i + 1}`);
  const durationMs = options.durationMs ?? 1_000;
  const sim = new Simulation<ChatMessage>({
    seed: options.seed,
    trace: false,
    nodeIds: ids,
    createNode: (c) => new CheckpointingProcess(c, options.sendEveryMs ?? 60, options.checkpointEveryMs ?? 200),
    network: { latency: { kind: 'uniform', minMs: 10, maxMs: 40 } },
  });
  sim.runUntilTime(durationMs);
  const checkpoints: Record<string, number[]> = Object.fromEntries(ids.map((id) => [id, [] as number[]]));
  const messages: RunMessage[] = [];
  for (const o of sim.outputs) {
    if (o.label === 'checkpoint') checkpoints[o.node]?.push(o.timeMs);
    else if (o.label === 'received') {
      const d = o.data as { from: string; sentMs: number };
      messages.push({ from: d.from, to: o.node, sentMs: d.sentMs, receivedMs: o.timeMs });
    }
  }
  // Continuous times never coincide, but keep the recovery line's precondition explicit.
  const busy = new Set(messages.flatMap((m) => [`${m.from}@${m.sentMs}`, `${m.to}@${m.receivedMs}`]));
  for (const [p, times] of Object.entries(checkpoints)) checkpoints[p] = times.filter((t) => !busy.has(`${p}@${t}`));
  return { checkpoints, messages, failed: ids[0] as string, failedAtMs: durationMs };
}

/**
 * The domino effect drawn: one line per process, checkpoints as squares, messages as arrows
 * (orphans that forced a rollback in red, numbered in the order of the chain), and the recovery
 * line joining where each process resumes.
 */
export function dominoFigure(run: CheckpointRun, result: RecoveryLineResult, options: { title?: string } = {}): Figure {
  const ids = Object.keys(run.checkpoints);
  const y = new Map(ids.map((id, i) => [id, ids.length - i]));
  const orphanRank = new Map<RunMessage, number>();
  result.steps.forEach((s, i) => { if (s.orphan !== undefined && !orphanRank.has(s.orphan)) orphanRank.set(s.orphan, i); });
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  for (const m of run.messages) {
    const orphan = orphanRank.has(m);
    annotations.push({ x: m.receivedMs, y: y.get(m.to), ax: m.sentMs, ay: y.get(m.from), xref: 'x', yref: 'y', axref: 'x', ayref: 'y', showarrow: true, arrowhead: 2, arrowsize: 1, arrowwidth: orphan ? 2 : 1, arrowcolor: orphan ? '#d62728' : 'rgba(120,120,120,0.45)', text: '' });
    // The step number sits a quarter of the way from the sender, clear of the rows in between.
    const yFrom = y.get(m.from) as number;
    const yTo = y.get(m.to) as number;
    if (orphan) annotations.push({ x: m.sentMs + 0.25 * (m.receivedMs - m.sentMs), y: yFrom + 0.25 * (yTo - yFrom), text: String(orphanRank.get(m)), showarrow: false, font: { color: '#d62728', size: 11 }, bgcolor: 'white' });
  }
  for (const id of ids) shapes.push({ type: 'line', x0: 0, x1: run.failedAtMs, y0: y.get(id), y1: y.get(id), line: { color: '#444', width: 1 } });
  return {
    data: [
      { type: 'scatter', mode: 'markers', name: 'punto de control', x: ids.flatMap((id) => [0, ...(run.checkpoints[id] ?? [])]), y: ids.flatMap((id) => [y.get(id), ...(run.checkpoints[id] ?? []).map(() => y.get(id))]), marker: { symbol: 'square', size: 9, color: seriesColor(0) } },
      { type: 'scatter', mode: 'lines+markers', name: 'línea de recuperación', x: ids.map((id) => result.line[id]), y: ids.map((id) => y.get(id)), line: { color: '#d62728', width: 3, dash: 'dash' }, marker: { size: 12, symbol: 'diamond', color: '#d62728' } },
      { type: 'scatter', mode: 'markers', name: `cae ${run.failed}`, x: [run.failedAtMs], y: [y.get(run.failed)], marker: { symbol: 'x', size: 14, color: 'black' } },
    ],
    layout: {
      title: options.title ?? `Efecto dominó: ${result.steps.length - 1} retrocesos encadenados`,
      xaxis: { title: 'tiempo (ms)' },
      yaxis: { title: '', tickvals: ids.map((id) => y.get(id)), ticktext: ids, range: [0.5, ids.length + 0.5] },
      shapes,
      annotations,
      height: 320 + 40 * ids.length,
    },
  };
}

/** Work lost by each process (ms between the failure and where it resumes), summed over processes. */
export function lostWorkMs(line: Record<string, number>, failedAtMs: number): number {
  return Object.values(line).reduce((s, t) => s + (failedAtMs - t), 0);
}

/**
 * The same run with coordinated checkpoints instead: every process checkpoints at the same
 * instants (k × `everyMs`, as a coordinator's round would make them), so each line of
 * checkpoints is a consistent cut and the failure costs at most one interval, with no domino.
 */
export function coordinatedCheckpoints(run: CheckpointRun, everyMs: number): CheckpointRun {
  if (!(everyMs > 0)) throw new RangeError(`coordinatedCheckpoints: everyMs debe ser > 0, recibido ${String(everyMs)}`);
  const busy = new Set(run.messages.flatMap((m) => [m.sentMs, m.receivedMs]));
  const times: number[] = [];
  for (let t = everyMs; t < run.failedAtMs; t += everyMs) {
    let c = t;
    while (busy.has(c)) c += 0.001; // never on top of a send or receive
    times.push(c);
  }
  return { ...run, checkpoints: Object.fromEntries(Object.keys(run.checkpoints).map((p) => [p, [...times]])) };
}
