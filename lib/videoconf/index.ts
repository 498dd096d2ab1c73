/**
 * The lecture's videoconference platform: two regions, a detector in the control plane,
 * failover of participants and checkpointed meeting state; the user-visible gap measured.
 * @packageDocumentation
 */
export { CONF_SERVERS, videoconfRun } from './videoconf';
export { videoconfFigure, videoconfSweep } from './videoconf-plots';
export type { VideoconfPoint } from './videoconf-plots';
export type { ConfMessage, MeetingState, VideoconfOptions, VideoconfResult } from './videoconf';
