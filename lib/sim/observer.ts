/**
 * What watches a run from outside the nodes: the cluster view checkers read, the buffer of
 * events of the current step (built only when a run-level checker or a nemesis wants them,
 * even with the trace off), and the loop that feeds them to the checkers and the nemesis.
 */
import type { History } from '../linearizability/history';
import type { ClusterView, OutputRecord } from './checkers';
import type { MemoryDurableStore } from './durable';
import type { HistoryRecorder } from './history-recorder';
import type { Nemesis, NemesisControl } from './nemesis';
import type { CheckerSet, Failure } from './run-checkers';
import type { TraceEvent } from './trace';
import type { NodeId } from './types';

/** What the observer needs from the simulation it watches. */
export interface ObservedRun<M, N> {
  readonly live: ReadonlyMap<NodeId, N>;
  readonly down: ReadonlySet<NodeId>;
  readonly outputs: readonly OutputRecord[];
  readonly clientIds: readonly NodeId[];
  readonly recorder: HistoryRecorder;
  /** The disk of `id` (throws a clear error for an unknown id). */
  disk(id: NodeId): MemoryDurableStore;
  /** True once the run has a violation. */
  stopped(): boolean;
  /** Records a violation (and throws it with `onViolation: 'throw'`). */
  fail(failure: Failure): void;
  /** The simulation, as a nemesis sees it. */
  readonly control: NemesisControl<M>;
}

/** The checkers, the nemesis and the view of one run, and the events waiting for them. */
export class RunObserver<M, N> {
  /** True when events must be built (run-level checkers or a nemesis). */
  readonly watching: boolean;
  /** True when anything must run after each event. */
  readonly active: boolean;
  /** Events of the current step, in trace order. */
  readonly buffer: TraceEvent<M>[] = [];
  /** Send times by message id (kept only while watching, for deliver and drop events). */
  readonly sendTimes: number[] = [];
  readonly view: ClusterView<N>;
  private busy = false;

  constructor(
    private readonly checks: CheckerSet<M, N>,
    private readonly nemesis: Nemesis<M> | undefined,
    private readonly run: ObservedRun<M, N>,
  ) {
    this.watching = checks.wantsEvents || nemesis !== undefined;
    this.active = this.watching || checks.plain.length > 0;
    const recorder = run.recorder;
    this.view = {
      nowMs: 0,
      nodes: run.live,
      crashed: run.down,
      outputs: run.outputs,
      clients: run.clientIds,
      get history(): History {
        return recorder.history;
      },
      durable: (id: NodeId) => run.disk(id).readOnly(),
    };
  }

  /**
   * After an event (or a scenario call) at `nowMs`: gives the buffered events to the run-level
   * checkers and the nemesis (whose own faults add events, handled in the same loop), then runs
   * the plain checkers. A re-entrant call (a nemesis crashing a node) returns at once.
   */
  afterEvent(nowMs: number): void {
    if (this.busy) return;
    const run = this.run;
    if (run.stopped()) {
      this.buffer.length = 0;
      return;
    }
    this.busy = true;
    const view = this.view as { nowMs: number };
    try {
      if (this.watching) {
        const events = this.buffer;
        for (let i = 0; i < events.length && !run.stopped(); i++) {
          view.nowMs = nowMs;
          const failure = this.checks.onEvent(events[i] as TraceEvent<M>, this.view);
          if (failure !== undefined) run.fail(failure);
          else if (this.nemesis !== undefined) this.nemesis(events[i] as TraceEvent<M>, run.control);
        }
        events.length = 0;
      }
      if (!run.stopped() && this.checks.plain.length > 0) {
        view.nowMs = nowMs;
        const failure = this.checks.checkPlain(this.view);
        if (failure !== undefined) run.fail(failure);
      }
    } finally {
      this.busy = false;
    }
  }

  /** The end-of-run checks at `nowMs` (after the events still buffered); the first failure. */
  atEnd(nowMs: number): Failure | undefined {
    (this.view as { nowMs: number }).nowMs = nowMs;
    return this.checks.atEnd(this.view);
  }
}
