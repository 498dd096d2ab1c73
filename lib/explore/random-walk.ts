/**
 * The explorer's random-walk mode: many seeded random schedules, each much deeper than a
 * breadth-first search can reach, checked at every step. It finds deep bugs fast but proves
 * nothing; a counterexample is shortened greedily before it is reported.
 */
import { createRng } from '../random/index';
import type { ProtocolNode } from '../sim/types';
import { wallClockMs } from './clock';
import { canonical } from './snapshot';
import { buildCounterexample, errorMessage, EXCEPTION_CHECKER, summarize } from './result';
import type { Choice, ExploreResult, RandomWalkOptions } from './types';
import type { Broken, Move } from './world';
import { WorldModel } from './world';

/**
 * Runs `walks` random schedules of up to `maxDepth` steps (default 1,000 walks of 30 steps),
 * each step a fault (loss, duplicate, crash, restart) with probability `faultProbability`
 * (default 0.1) and otherwise a delivery or timer, drawn uniformly with a stream seeded by `walkSeed`. Stops
 * at the first violation, shortened by dropping every choice it can do without; otherwise the
 * verdict is `incomplete` (random walks prove nothing). Deterministic for a seed, except where
 * a `timeBudgetMs` stops it.
 *
 * @example
 * const result = randomWalk({ ...options, maxDepth: 200, walks: 500, walkSeed: 7 });
 */
export function randomWalk<M, N extends ProtocolNode<M>>(options: RandomWalkOptions<M, N>): ExploreResult<M> {
  const model = new WorldModel(options);
  const maxDepth = options.maxDepth ?? 30;
  const walks = options.walks ?? 1_000;
  const budgetMs = options.timeBudgetMs ?? Infinity;
  const maxStates = options.maxStates ?? 1_000_000;
  const rng = createRng(options.walkSeed ?? 1);
  const faultProbability = options.faultProbability ?? 0.1;
  if (!(faultProbability >= 0 && faultProbability <= 1)) throw new RangeError(`randomWalk: faultProbability must be in [0, 1], got ${faultProbability}`);
  const started = wallClockMs();
  const visited = new Set<number>();
  let transitions = 0;
  let deepest = 0;
  let walked = 0;

  const finish = (fields: Omit<ExploreResult<M>, 'summary' | 'distinctStates' | 'transitions' | 'elapsedMs'>): ExploreResult<M> => {
    const result = { ...fields, distinctStates: visited.size, transitions, elapsedMs: wallClockMs() - started };
    return { ...result, summary: summarize(result, 'random', walked) };
  };

  for (; walked < walks; walked++) {
    if (wallClockMs() - started > budgetMs) return finish({ verdict: 'incomplete', depth: deepest, exhausted: false, stoppedBy: 'timeBudget' });
    const world = model.initial();
    const choices: Choice<M>[] = [];
    for (let step = 0; step < maxDepth; step++) {
      const moves = model.moves(world);
      if (moves.length === 0) break;
      // Faults are drawn with probability `faultProbability`, so they do not crowd out deliveries.
      const normal = moves.filter((m) => m.choice.type === 'deliver' || m.choice.type === 'timer');
      const faults = moves.filter((m) => m.choice.type !== 'deliver' && m.choice.type !== 'timer');
      const pool = normal.length === 0 ? faults : faults.length === 0 ? normal : rng.next() < faultProbability ? faults : normal;
      const move = rng.choice(pool);
      choices.push(move.choice);
      transitions++;
      let broken: Broken | undefined;
      try {
        model.apply(world, move);
        if (visited.size < maxStates) visited.add(model.fingerprint(world));
        broken = model.check(world);
      } catch (error) {
        broken = { checker: EXCEPTION_CHECKER, message: errorMessage(error) };
      }
      if (broken) {
        walked++;
        const short = shorten(model, choices, broken.checker);
        return finish({ verdict: 'violation', depth: short.choices.length, exhausted: false, counterexample: buildCounterexample(options, short.choices, short.broken) });
      }
    }
    deepest = Math.max(deepest, choices.length);
  }
  return finish({ verdict: 'incomplete', depth: deepest, exhausted: false });
}

/**
 * Greedy shortening (one pass of delta debugging with single choices): drop each choice in
 * turn, keep the shorter schedule when it is still possible and still breaks the same checker.
 */
function shorten<M, N extends ProtocolNode<M>>(model: WorldModel<M, N>, choices: Choice<M>[], checker: string): { choices: Choice<M>[]; broken: Broken } {
  let best = choices;
  let broken = run(model, best) as Broken;
  for (let i = best.length - 1; i >= 0; i--) {
    const candidate = [...best.slice(0, i), ...best.slice(i + 1)];
    const result = run(model, candidate);
    if (result !== undefined && result.checker === checker) {
      best = candidate;
      broken = result;
    }
  }
  return { choices: best, broken };
}

/** Runs a schedule; the violation at its last step, or `undefined` if it is impossible or none happens (or one happens earlier). */
function run<M, N extends ProtocolNode<M>>(model: WorldModel<M, N>, choices: readonly Choice<M>[]): Broken | undefined {
  const world = model.initial();
  for (let i = 0; i < choices.length; i++) {
    const choice = choices[i] as Choice<M>;
    const move: Move<M> | undefined = model.moves(world).find((m) => sameChoice(m.choice, choice));
    if (move === undefined) return undefined;
    let broken: Broken | undefined;
    try {
      model.apply(world, move);
      broken = model.check(world);
    } catch (error) {
      broken = { checker: EXCEPTION_CHECKER, message: errorMessage(error) };
    }
    if (broken) return i === choices.length - 1 ? broken : undefined;
  }
  return undefined;
}

function sameChoice<M>(a: Choice<M>, b: Choice<M>): boolean {
  if (a === b) return true;
  if (a.type !== b.type) return false;
  if ('message' in a && 'message' in b) return a.from === b.from && a.to === b.to && canonical(a.message) === canonical(b.message);
  return canonical(a) === canonical(b);
}
