// @real-io: the entry point of a sweep worker process (it talks to its parent over IPC).
/**
 * A sweep worker: loads the scenario named by the parent (module path and export), then runs
 * each batch of seeds it is sent and answers with their outcome. Started by `sweepParallel`.
 */
import { pathToFileURL } from 'node:url';
import type { Seed } from '../random/index';
import { runSeeds } from './sweep';
import type { SweepScenario } from './sweep';
import type { FromWorker, ScenarioModule, ToWorker } from './sweep-workers';

type AnyScenario = SweepScenario<unknown, never, Seed>;

/** Loads the scenario a {@link ScenarioModule} names. */
export async function loadScenario(spec: ScenarioModule): Promise<AnyScenario> {
  const module = (await import(pathToFileURL(spec.module).href)) as Record<string, unknown> & { default?: Record<string, unknown> };
  const value = module[spec.export] ?? module.default?.[spec.export];
  if (value === undefined) throw new Error(`${spec.module} has no export "${spec.export}"`);
  if (spec.args !== undefined) {
    if (typeof value !== 'function') throw new Error(`${spec.module}: "${spec.export}" is not a function, so it cannot take args`);
    return (value as (...args: unknown[]) => AnyScenario)(...spec.args);
  }
  return value as AnyScenario;
}

function reply(message: FromWorker): void {
  process.send?.(message);
}

// Only in a process `sweepParallel` started (never when merely imported, e.g. by a test runner's own IPC child).
if (process.send !== undefined && process.env['SIM_SWEEP_WORKER'] === '1') {
  let scenario: AnyScenario | undefined;
  let settings: Extract<ToWorker, { type: 'init' }>['sweep'] | undefined;
  let replaysLeft = 0;
  process.on('message', (message: ToWorker) => {
    if (message.type === 'init') {
      settings = message.sweep;
      replaysLeft = settings.replays;
      loadScenario(message.scenario).then(
        (loaded) => {
          scenario = loaded;
          reply({ type: 'ready' });
        },
        (error: unknown) => reply({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    if (scenario === undefined || settings === undefined) return reply({ type: 'error', message: 'batch before init' });
    try {
      const outcome = runSeeds({ scenario, stopAtFirst: settings.stopAtFirst, replays: replaysLeft, ...(settings.window ? { window: settings.window } : {}), ...(settings.tailLines === undefined ? {} : { tailLines: settings.tailLines }) }, message.seeds);
      replaysLeft = Math.max(0, replaysLeft - outcome.failures.length);
      reply({ type: 'done', outcome });
    } catch (error) {
      reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  });
  // The parent's exit (or its kill) ends the worker: never leave a process behind.
  process.on('disconnect', () => process.exit(0));
}
