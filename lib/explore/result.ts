/**
 * Building the explorer's answer: the counterexample (replayed in the simulator) and the
 * one-sentence Spanish summary students read.
 */
import type { ProtocolNode } from '../sim/types';
import type { TraceEvent } from '../sim/trace';
import { replaySchedule } from './replay';
import type { Choice, Counterexample, ExploreOptions, ExploreResult } from './types';
import type { Broken } from './world';

/** The checker name under which an exception thrown by protocol code is reported (as in the simulator). */
export const EXCEPTION_CHECKER = 'protocolException';

/** Replays `choices` in the simulator and packs them, with what broke, as a counterexample. */
export function buildCounterexample<M, N extends ProtocolNode<M>>(options: ExploreOptions<M, N>, choices: readonly Choice<M>[], broken: Broken): Counterexample<M> {
  let trace: readonly TraceEvent<M>[] = [];
  let replayed = false;
  try {
    const sim = replaySchedule(options, choices);
    trace = sim.trace;
    replayed = sim.violation?.checker === broken.checker && sim.violation.message === broken.message;
  } catch (error) {
    // Protocol code threw during the replay too: show the run up to the step before.
    replayed = broken.checker === EXCEPTION_CHECKER && errorMessage(error) === broken.message;
    try {
      trace = replaySchedule(options, choices.slice(0, -1)).trace;
    } catch {
      trace = [];
    }
  }
  return { choices: [...choices], checker: broken.checker, message: broken.message, trace, replayed };
}

/** The text of a thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const count = (n: number) => n.toLocaleString('es-ES');
const seconds = (ms: number) => `${(ms / 1000).toLocaleString('es-ES', { maximumFractionDigits: 2, minimumFractionDigits: 2 })} s`;

/** The Spanish one-sentence summary of a result (everything but `summary` itself). */
export function summarize<M>(result: Omit<ExploreResult<M>, 'summary'>, mode: 'bfs' | 'random', walks = 0): string {
  const cost = `${count(result.distinctStates)} estados distintos, ${seconds(result.elapsedMs)}`;
  if (result.verdict === 'violation' && result.counterexample) {
    const c = result.counterexample;
    const which = mode === 'bfs' ? 'el más corto posible' : 'encontrado al azar, no necesariamente el más corto';
    return `Contraejemplo de ${c.choices.length} pasos (${which}): «${c.checker}» falla: ${c.message} (${cost}).`;
  }
  if (mode === 'random') {
    return `Ninguna violación en ${count(walks)} recorridos aleatorios de hasta ${result.depth} pasos (${cost}); no es una prueba: pruebe la búsqueda exhaustiva.`;
  }
  if (result.verdict === 'safe') {
    return result.exhausted
      ? `Sin violaciones en todo el espacio de estados: ${cost}; ninguna ejecución pasa de ${result.depth} pasos.`
      : `Sin violaciones hasta profundidad ${result.depth}: ${cost}.`;
  }
  const limit = result.stoppedBy === 'timeBudget' ? 'el tiempo disponible' : 'el límite de estados';
  return `Incompleto: sin violaciones hasta profundidad ${result.depth}, pero se agotó ${limit} en la profundidad ${result.depth + 1} (${cost}); más allá no se sabe nada.`;
}
