/**
 * Replays a schedule of explorer choices in a real simulator (`ManualSimulation`), so a
 * counterexample gets a trace that `spaceTimeDiagram` draws and the simulator's own checkers
 * confirm.
 */
import type { Rng } from '../random/index';
import { ManualSimulation } from '../sim/manual';
import type { NodeId, ProtocolNode } from '../sim/types';
import { formatMessage } from '../sim/trace';
import { canonical } from './snapshot';
import type { Choice, ExploreOptions } from './types';
import { nodeBaseStream, nodeStream } from './protocol-call';

/**
 * Replays `choices` in a {@link ManualSimulation} built from the explorer's options (same
 * nodes, same random streams, same checkers); each choice is one 1-ms step. It stops at the
 * first violation (`sim.violation`). A choice that is not possible in the replayed run (a
 * message not in flight, a timer not armed) throws an `Error` naming its step.
 *
 * @example
 * const result = explore(options);
 * const sim = replaySchedule(options, result.counterexample?.choices ?? []);
 * show(spaceTimeDiagram(sim.trace));
 */
export function replaySchedule<M, N extends ProtocolNode<M>>(options: ExploreOptions<M, N>, choices: readonly Choice<M>[]): ManualSimulation<M, N> {
  const seed = options.seed ?? 1;
  const bases = new Map<NodeId, Rng>();
  const lives = new Map<NodeId, number>();
  const sim = new ManualSimulation<M, N>({
    seed,
    nodeIds: options.nodeIds,
    checkers: options.checkers,
    // The explorer's random streams, not the simulator's, so nodes that draw behave alike.
    createNode: (context) => {
      let base = bases.get(context.id);
      if (base === undefined) bases.set(context.id, (base = nodeBaseStream(seed, context.id)));
      const life = (lives.get(context.id) ?? 0) + 1;
      lives.set(context.id, life);
      return options.createNode({ ...context, rng: nodeStream(base, life) });
    },
  });
  choices.forEach((choice, step) => {
    if (sim.violation) return;
    switch (choice.type) {
      case 'deliver':
      case 'duplicate':
      case 'drop': {
        const key = canonical(choice.message);
        const index = sim.held.findIndex((m) => m.from === choice.from && m.to === choice.to && canonical(m.message) === key);
        if (index < 0) throw new Error(`replay, step ${step + 1}: no message ${choice.from}→${choice.to} ${key} in flight`);
        if (choice.type === 'drop') sim.dropHeld(index);
        else sim.deliverHeld(index, { duplicate: choice.type === 'duplicate' });
        break;
      }
      case 'timer':
        sim.fireArmedTimer(choice.node, choice.name);
        break;
      case 'crash':
        sim.tick().crash(choice.node);
        break;
      case 'restart':
        sim.tick().restart(choice.node);
        break;
    }
  });
  return sim;
}

/** One Spanish line for a choice, as the explorer prints schedules: `entrega p1→a1 Prepare ballot=1`. */
export function formatChoice<M>(choice: Choice<M>, formatter: (message: M) => string = formatMessage): string {
  switch (choice.type) {
    case 'deliver':
      return `entrega ${choice.from}→${choice.to} ${formatter(choice.message)}`;
    case 'duplicate':
      return `duplica ${choice.from}→${choice.to} ${formatter(choice.message)}`;
    case 'drop':
      return `pierde ${choice.from}→${choice.to} ${formatter(choice.message)}`;
    case 'timer':
      return `temporizador ${choice.node} ${choice.name}`;
    case 'crash':
      return `caída de ${choice.node}`;
    case 'restart':
      return `reinicio de ${choice.node}`;
  }
}

/**
 * A schedule as numbered Spanish lines, one per step, for notebooks and reports.
 *
 * @example
 * console.log(formatSchedule(result.counterexample!.choices));
 * // 1. temporizador n1 think
 * // 2. temporizador n2 think
 */
export function formatSchedule<M>(choices: readonly Choice<M>[], formatter: (message: M) => string = formatMessage): string {
  return choices.map((choice, i) => `${i + 1}. ${formatChoice(choice, formatter)}`).join('\n');
}
