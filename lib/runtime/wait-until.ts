// @real-io: waits on a real cluster with a real timeout.
/**
 * Waiting for a condition on a running cluster: checked now and after every batch of records,
 * never by polling, with a timeout that reports the last events instead of hanging.
 */
import { formatTrace } from '../sim/trace';
import type { TraceEvent } from '../sim/trace';
import type { RuntimeError } from './launch-options';

/** What {@link waitUntil} looks at. */
export interface Waitable {
  readonly errors: readonly RuntimeError[];
  trace(): TraceEvent<unknown>[];
}

/**
 * Resolves when `condition()` holds. Rejects after `timeoutMs` with the last 12 events (and
 * any node that died before), as soon as a node dies of an exception while waiting, when the
 * condition throws, or once `stopped()` is true. `waiters` is the cluster's set of checks,
 * run after each batch of records.
 */
export function waitUntil(
  cluster: Waitable,
  condition: () => boolean,
  options: { readonly timeoutMs: number; readonly waiters: Set<() => void>; readonly stopped: () => boolean },
): Promise<void> {
  const { timeoutMs, waiters } = options;
  const errorsBefore = cluster.errors.length;
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      waiters.delete(check);
      if (error) reject(error);
      else resolve();
    };
    const check = () => {
      try {
        if (condition()) return done();
      } catch (error) {
        return done(error instanceof Error ? error : new Error(String(error)));
      }
      const fatal = cluster.errors.slice(errorsBefore).find((e) => e.fatal);
      if (fatal) return done(new Error(`waitFor: el nodo ${fatal.node} murió: ${fatal.message}`));
      if (options.stopped()) return done(new Error('waitFor: el clúster se detuvo'));
    };
    const timer = setTimeout(() => {
      const tail = formatTrace(cluster.trace(), { tail: 12 });
      const deaths = cluster.errors.filter((e) => e.fatal).map((e) => `\n(antes murió el nodo ${e.node}: ${e.message.split('\n')[0]})`);
      done(new Error(`waitFor: la condición no se cumplió en ${timeoutMs} ms. Últimos eventos:\n${tail || '(ninguno)'}${deaths.join('')}`));
    }, timeoutMs);
    waiters.add(check);
    check();
  });
}
