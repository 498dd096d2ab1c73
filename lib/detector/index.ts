/**
 * Failure detectors: fixed timeouts, φ accrual and SWIM on the simulator, their
 * Chen–Toueg–Aguilera QoS metrics, and the detection-time vs false-positive trade-off.
 * @packageDocumentation
 */
export { AKKA_PHI_DEFAULTS, meanAndStdDeviation, PhiAccrualDetector, phiOf } from './phi';
export type { PhiOptions } from './phi';
export { createDetector, detectorLabel, FixedTimeoutDetector, PhiDetector } from './detectors';
export type { DetectorSpec, HeartbeatDetector } from './detectors';
export { drawPauses, PausingNode, withPauses } from './pauses';
export type { Pause, PauseModel } from './pauses';
export { DEFAULT_HEARTBEAT_NETWORK, heartbeatArrivals, HeartbeatMonitor, HeartbeatSender } from './heartbeat';
export type { HeartbeatMessage, HeartbeatRun, HeartbeatRunOptions } from './heartbeat';
export { evaluateDetector } from './qos';
export type { QosMetrics } from './qos';
export { SWIM_DEFAULTS, SwimNode, swimNode } from './swim';
export type { SwimMessage, SwimOptions, SwimStatus } from './swim';
export { swimQos } from './swim-run';
export type { SwimQos, SwimRunOptions } from './swim-run';
export { DEFAULT_DETECTOR_FAMILIES, heartbeatRuns, heartbeatTradeoff, qosRows, swimTradeoff, tradeoffFigure } from './tradeoff';
export type { TradeoffPoint } from './tradeoff';
export { phiFromIntervals } from './exercises';
