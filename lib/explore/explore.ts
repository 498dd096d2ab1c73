/**
 * The exhaustive explorer: a breadth-first search over every schedule of a small cluster,
 * deduplicating states by fingerprint, so the first violation found is a shortest one.
 */
import type { ProtocolNode } from '../sim/types';
import { wallClockMs } from './clock';
import { buildCounterexample, errorMessage, EXCEPTION_CHECKER, summarize } from './result';
import type { Choice, ExploreOptions, ExploreResult } from './types';
import type { Broken, World } from './world';
import { WorldModel } from './world';

/** A schedule as a linked list from its last choice back to the first (prefixes are shared). */
interface Path<M> {
  readonly choice: Choice<M>;
  readonly parent: Path<M> | undefined;
}

function toChoices<M>(path: Path<M> | undefined): Choice<M>[] {
  const choices: Choice<M>[] = [];
  for (let p = path; p !== undefined; p = p.parent) choices.push(p.choice);
  return choices.reverse();
}

/**
 * Explores every schedule of a small cluster breadth-first: at each step, which in-flight
 * message is delivered (or duplicated, or lost), which armed timer fires, which node crashes
 * or restarts. States are deduplicated by a fingerprint of the nodes' fields, their disks,
 * the armed timers, the multiset of in-flight messages and the outputs. Every state is
 * checked with the simulator's checkers. Answers `violation` with a shortest counterexample
 * (replayed in a `ManualSimulation`, trace included), `safe` up to a depth (with `exhausted`
 * when nothing lies beyond), or `incomplete` when a budget ran out. Deterministic, except
 * where a `timeBudgetMs` cuts the search.
 *
 * @example
 * const result = explore({ nodeIds: ['n1', 'n2'], createNode: unsafeLock(), checkers: [mutualExclusion] });
 * result.summary;                       // 'Contraejemplo de 2 pasos (el más corto posible): …'
 * show(spaceTimeDiagram(result.counterexample!.trace));
 */
export function explore<M, N extends ProtocolNode<M>>(options: ExploreOptions<M, N>): ExploreResult<M> {
  const model = new WorldModel(options);
  const maxDepth = options.maxDepth ?? 30;
  const maxStates = options.maxStates ?? 1_000_000;
  const budgetMs = options.timeBudgetMs ?? Infinity;
  if (!(Number.isInteger(maxDepth) && maxDepth >= 0)) throw new RangeError(`explore: maxDepth must be an integer >= 0, got ${maxDepth}`);
  if (!(maxStates >= 1)) throw new RangeError(`explore: maxStates must be >= 1, got ${maxStates}`);
  if (!(budgetMs > 0)) throw new RangeError(`explore: timeBudgetMs must be > 0, got ${budgetMs}`);
  const started = wallClockMs();
  const visited = new Set<number>();
  let transitions = 0;

  const finish = (fields: Omit<ExploreResult<M>, 'summary' | 'distinctStates' | 'transitions' | 'elapsedMs'>): ExploreResult<M> => {
    const result = { ...fields, distinctStates: visited.size, transitions, elapsedMs: wallClockMs() - started };
    return { ...result, summary: summarize(result, 'bfs') };
  };
  const violation = (path: Path<M> | undefined, broken: Broken, depth: number) =>
    finish({ verdict: 'violation', depth, exhausted: false, counterexample: buildCounterexample(options, toChoices(path), broken) });

  let initial: World<M, N>;
  try {
    initial = model.initial();
  } catch (error) {
    return violation(undefined, { checker: EXCEPTION_CHECKER, message: errorMessage(error) }, 0);
  }
  visited.add(model.fingerprint(initial));
  const broken = model.check(initial);
  if (broken) return violation(undefined, broken, 0);

  let frontier: ({ world: World<M, N>; path: Path<M> | undefined } | undefined)[] = [{ world: initial, path: undefined }];
  let depth = 0;
  while (depth < maxDepth) {
    const next: { world: World<M, N>; path: Path<M> | undefined }[] = [];
    for (let i = 0; i < frontier.length; i++) {
      const entry = frontier[i];
      if (entry === undefined) continue;
      frontier[i] = undefined; // let the garbage collector take expanded states
      for (const move of model.moves(entry.world)) {
        if ((transitions & 255) === 0 && wallClockMs() - started > budgetMs) {
          return finish({ verdict: 'incomplete', depth, exhausted: false, stoppedBy: 'timeBudget' });
        }
        transitions++;
        const world = model.clone(entry.world);
        const path: Path<M> = { choice: move.choice, parent: entry.path };
        try {
          model.apply(world, move);
        } catch (error) {
          return violation(path, { checker: EXCEPTION_CHECKER, message: errorMessage(error) }, depth + 1);
        }
        const fingerprint = model.fingerprint(world);
        if (visited.has(fingerprint)) continue;
        if (visited.size >= maxStates) return finish({ verdict: 'incomplete', depth, exhausted: false, stoppedBy: 'maxStates' });
        visited.add(fingerprint);
        const found = model.check(world);
        if (found) return violation(path, found, depth + 1);
        next.push({ world, path });
      }
    }
    if (next.length === 0) return finish({ verdict: 'safe', depth, exhausted: true });
    frontier = next;
    depth++;
  }
  return finish({ verdict: 'safe', depth, exhausted: false });
}
