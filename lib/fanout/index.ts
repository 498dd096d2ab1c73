/**
 * The lecture's flight search: one page, three backend services, called in sequence or
 * in parallel, in simulated time.
 * @packageDocumentation
 */
export {
  FLIGHT_SERVICES,
  fanOutLatency,
  probabilityAnySlow,
  sampleServiceLatency,
  simulateSearches,
} from './fanout';
export type { FanOutMode, SearchResult, SearchSimulation, ServiceModel } from './fanout';
