/**
 * Seeded randomness for the whole kit: everything random takes an `Rng`.
 * @packageDocumentation
 */
export { createRng } from './rng';
export type { Rng, Seed } from './rng';
