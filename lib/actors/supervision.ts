/**
 * Supervision: what a parent does when a child fails. One-for-one (Erlang/OTP's
 * `one_for_one`, Akka's `OneForOneStrategy`): only the failed child is restarted, with a fresh
 * state from its `init`, and at most `maxRestarts` times within `withinMs` (Erlang's
 * intensity and period, Akka's `maxNrOfRetries` and `withinTimeRange`). Past the limit the
 * child is stopped and the parent fails in turn (escalation, as an Erlang supervisor that
 * exceeds its intensity terminates itself), so its own supervisor decides.
 */

/** How a parent supervises one child. */
export interface SupervisorStrategy {
  readonly kind: 'oneForOne';
  /** Restarts allowed within `withinMs` before giving up (Erlang: intensity). */
  readonly maxRestarts: number;
  /** The sliding window, in ms of the host's clock (Erlang: period). */
  readonly withinMs: number;
  /**
   * The restarted child's mailbox: `'keep'` (Akka: the mailbox and the address survive, only
   * the failing message is lost) or `'discard'` (Erlang: a new process starts with an empty
   * mailbox; the pending messages are dead letters).
   */
  readonly mailbox: 'keep' | 'discard';
}

/**
 * A one-for-one strategy.
 *
 * @example
 * oneForOne({ maxRestarts: 3, withinMs: 1_000 }); // as Erlang's {one_for_one, 3, 1}
 */
export function oneForOne(options: { maxRestarts: number; withinMs: number; mailbox?: 'keep' | 'discard' }): SupervisorStrategy {
  const { maxRestarts, withinMs } = options;
  if (!Number.isInteger(maxRestarts) || maxRestarts < 0) throw new RangeError(`oneForOne: maxRestarts debe ser un entero ≥ 0, no ${String(maxRestarts)}`);
  if (!(withinMs > 0) || !Number.isFinite(withinMs)) throw new RangeError(`oneForOne: withinMs debe ser un número finito > 0, no ${String(withinMs)}`);
  const mailbox = options.mailbox ?? 'keep';
  if (mailbox !== 'keep' && mailbox !== 'discard') throw new RangeError(`oneForOne: mailbox debe ser 'keep' o 'discard', no ${String(mailbox)}`);
  return { kind: 'oneForOne', maxRestarts, withinMs, mailbox };
}

/** The strategy for children spawned without one (and for top-level actors): 10 restarts per 10 s. */
export const DEFAULT_STRATEGY: SupervisorStrategy = oneForOne({ maxRestarts: 10, withinMs: 10_000 });

/** What a supervisor decided about a failure, and the restart times to remember. */
export interface SupervisionDecision {
  readonly decision: 'restart' | 'escalate';
  /** The restarts that still count within the window, this one included when restarting. */
  readonly restartTimesMs: readonly number[];
}

/**
 * Decides a child's failure at `nowMs`, given the times of its earlier restarts: restart if
 * fewer than `maxRestarts` fall within the last `withinMs`, else escalate.
 *
 * @example
 * decideFailure([0, 10, 20], oneForOne({ maxRestarts: 3, withinMs: 100 }), 50).decision; // 'escalate'
 * decideFailure([0, 10, 20], oneForOne({ maxRestarts: 3, withinMs: 100 }), 150).decision; // 'restart'
 */
export function decideFailure(restartTimesMs: readonly number[], strategy: SupervisorStrategy, nowMs: number): SupervisionDecision {
  const recent = restartTimesMs.filter((t) => t > nowMs - strategy.withinMs);
  if (recent.length >= strategy.maxRestarts) return { decision: 'escalate', restartTimesMs: recent };
  return { decision: 'restart', restartTimesMs: [...recent, nowMs] };
}
