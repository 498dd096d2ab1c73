/**
 * Running checkers: plain checkers after every event, run-level checkers on every event and
 * at the end, and {@link eventually} liveness checks ("a single leader within 2 s of the heal").
 */
import type { AnyChecker, Checker, CheckerFactory, CheckResult, ClusterView, RunChecker } from './checkers';
import { checker, checkerName, isCheckerFactory, readCheckResult } from './checkers';
import type { TraceEvent } from './trace';
import type { NodeId } from './types';

/** A failed check, before the simulator adds time, event count and seed. */
export interface Failure {
  readonly checker: string;
  readonly message: string;
  readonly nodes?: readonly NodeId[];
}

/** The checkers of one run: plain ones, and fresh instances of the factories. */
export class CheckerSet<M, N> {
  readonly plain: readonly Checker<N>[];
  readonly instances: readonly RunChecker<M, N>[];
  private readonly eventCheckers: readonly RunChecker<M, N>[];

  constructor(checkers: readonly AnyChecker<M, N>[]) {
    const plain: Checker<N>[] = [];
    const instances: RunChecker<M, N>[] = [];
    for (const c of checkers) {
      if (isCheckerFactory(c)) instances.push(c.create());
      else if (typeof c === 'function') plain.push(c);
      else throw new TypeError(`checkers: expected a function or a checker(...) factory, got ${String(c)}`);
    }
    this.plain = plain;
    this.instances = instances;
    this.eventCheckers = instances.filter((c) => typeof c.onEvent === 'function');
  }

  /** True when some checker wants every event (so the simulator must build them). */
  get wantsEvents(): boolean {
    return this.eventCheckers.length > 0;
  }

  /** Gives `event` to every run-level checker; the first failure, if any. */
  onEvent(event: TraceEvent<M>, view: ClusterView<N>): Failure | undefined {
    for (const c of this.eventCheckers) {
      const failure = failed(c.name, (c.onEvent as NonNullable<RunChecker<M, N>['onEvent']>).call(c, event, view));
      if (failure) return failure;
    }
    return undefined;
  }

  /** Runs the plain checkers on the cluster as it is now; the first failure, if any. */
  checkPlain(view: ClusterView<N>): Failure | undefined {
    for (const c of this.plain) {
      const result = c(view);
      if (result) return failed(checkerName(c as Checker<never>), result);
    }
    return undefined;
  }

  /** The end-of-run checks (`atEnd`), then the plain checkers once more; the first failure. */
  atEnd(view: ClusterView<N>): Failure | undefined {
    for (const c of this.instances) {
      if (typeof c.atEnd !== 'function') continue;
      const failure = failed(c.name, c.atEnd(view));
      if (failure) return failure;
    }
    return this.checkPlain(view);
  }
}

function failed(name: string, result: CheckResult): Failure | undefined {
  const read = readCheckResult(result);
  if (read === undefined) return undefined;
  return read.nodes === undefined ? { checker: name, message: read.message } : { checker: name, message: read.message, nodes: read.nodes };
}

/** When the clock of an {@link eventually} check starts. */
export type EventuallyTrigger<N> = 'start' | 'heal' | ((cluster: ClusterView<N>) => boolean);

/** Options of {@link eventually}. */
export interface EventuallyOptions<N> {
  /** How long the predicate may take to hold, in simulated ms. */
  readonly withinMs: number;
  /**
   * When the clock starts: at the start of the run (default); at every heal of a partition
   * (a new partition, crash or cut before the predicate holds cancels that window: the
   * promise is about a quiet network); or whenever a trigger predicate turns true.
   */
  readonly after?: EventuallyTrigger<N>;
}

/**
 * A liveness check: once triggered, `predicate` must hold within `withinMs`, or the run is
 * reported as a violation like a broken invariant. The predicate is evaluated after every
 * event (the state does not change between events), so the check notices a missed deadline at
 * the first event after it, or at `sim.finish()`. A run that ends before the deadline passes.
 *
 * @example
 * const leaderAfterHeal = eventually<RaftNode>('leaderAfterHeal',
 *   (c) => [...c.nodes.values()].filter((n) => n.role === 'leader').length === 1,
 *   { withinMs: 2_000, after: 'heal' });
 * const sim = new Simulation({ …, checkers: [leaderAfterHeal] });
 * sim.runFor(10_000);
 * sim.finish(); // sim.violation?.checker === 'leaderAfterHeal' if no leader came
 */
export function eventually<N>(name: string, predicate: (cluster: ClusterView<N>) => boolean, options: EventuallyOptions<N>): CheckerFactory<unknown, N> {
  const { withinMs } = options;
  const after = options.after ?? 'start';
  if (!(withinMs >= 0) || !Number.isFinite(withinMs)) throw new RangeError(`eventually(${name}): withinMs must be a finite number >= 0, got ${withinMs}`);
  if (after !== 'start' && after !== 'heal' && typeof after !== 'function') throw new TypeError(`eventually(${name}): after must be 'start', 'heal' or a function`);
  return checker<unknown, N>(name, () => {
    let openedAtMs: number | undefined = after === 'start' ? 0 : undefined;
    let triggered = false;
    const missed = (): string => `no se cumplió en ${withinMs} ms desde t=${Math.round(openedAtMs ?? 0)} ms (${after === 'start' ? 'inicio' : typeof after === 'string' ? after : 'disparador'})`;
    return {
      onEvent(event: TraceEvent<unknown>, cluster: ClusterView<N>): CheckResult {
        // The state was constant since the previous event, when the predicate was still false.
        if (openedAtMs !== undefined && event.timeMs > openedAtMs + withinMs) return missed();
        if (after === 'heal') {
          if (event.kind === 'heal') openedAtMs = event.timeMs;
          else if (event.kind === 'partition' || event.kind === 'crash' || event.kind === 'cut') openedAtMs = undefined;
        } else if (typeof after === 'function') {
          const now = after(cluster);
          if (now && !triggered && openedAtMs === undefined) openedAtMs = cluster.nowMs;
          triggered = now;
        }
        if (openedAtMs !== undefined && predicate(cluster)) openedAtMs = undefined;
        return undefined;
      },
      atEnd(cluster: ClusterView<N>): CheckResult {
        if (openedAtMs !== undefined && cluster.nowMs >= openedAtMs + withinMs && !predicate(cluster)) return missed();
        return undefined;
      },
    };
  });
}
