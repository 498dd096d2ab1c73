/**
 * Availability arithmetic: replicas in parallel, services in series, correlated failures.
 * @packageDocumentation
 */
export {
  correlatedAvailability,
  downtimeMinutesPerYear,
  nines,
  parallelAvailability,
  seriesAvailability,
  simulateAvailability,
} from './availability';
export type { AvailabilitySimulation } from './availability';
