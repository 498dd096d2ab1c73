/** Checks of what an actor's handler returns, done before any effect of it runs. */
import { parseAddress } from './address';
import type { ActorAddress } from './address';
import type { ActorEffect, ActorStep } from './behavior';
import { sealMessage } from './messages';

/** Validates what a handler returned (before anything of it runs), with a Spanish reason. */
export function checkStep(step: ActorStep<unknown>, kind: string, self: ActorAddress, children: ReadonlyMap<string, unknown>): ActorStep<unknown> {
  if (step === null || typeof step !== 'object' || !('state' in step)) throw new TypeError(`${kind} devolvió algo que no es { state, effects }`);
  const effects = step.effects ?? [];
  if (!Array.isArray(effects)) throw new TypeError(`${kind}: effects no es una lista`);
  for (const effect of effects as readonly ActorEffect[]) {
    if (effect.type === 'tell') {
      const to = parseAddress(effect.to);
      if (typeof to === 'string') throw new TypeError(`${kind}: ${to}`);
      sealMessage(effect.message);
    } else if (effect.type === 'spawn') {
      const parsed = parseAddress(`${self}/${String(effect.name)}`);
      if (typeof parsed === 'string') throw new TypeError(`${kind}: nombre de hijo no válido ${JSON.stringify(effect.name)}`);
      if (children.has(effect.name)) throw new Error(`${kind}: ya tiene un hijo llamado ${effect.name}`);
    } else if (effect.type === 'schedule') {
      if (!(effect.afterMs >= 0) || !Number.isFinite(effect.afterMs)) throw new RangeError(`${kind}: schedule con afterMs no válido (${String(effect.afterMs)})`);
      sealMessage(effect.message);
    } else if (effect.type !== 'report' && effect.type !== 'stop') {
      throw new TypeError(`${kind}: efecto desconocido ${JSON.stringify((effect as { type?: unknown }).type)}`);
    }
  }
  return step;
}

/** An error as one line of text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
