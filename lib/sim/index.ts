/**
 * A deterministic network simulator: protocol nodes as state machines that return effects,
 * a seeded faulty network, fault schedules, checkers, seed sweeps, traces and pictures.
 * @packageDocumentation
 */
export type { DurableStore, Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from './types';
export { assertNever, cancelTimer, output, send, setTimer } from './types';
export { Simulation } from './simulation';
export type { ExternalDelivery, SimulationOptions, SimulationStats } from './simulation';
export { DEFAULT_LATENCY, latency, sampleLatency, validateLatency } from './network';
export type { LatencyModel, LinkModel, LinkOverride, NetworkModel } from './network';
export { fault, randomFaults } from './faults';
export type { Fault, RandomFaultOptions } from './faults';
export { checkerName, formatViolation, InvariantViolationError } from './checkers';
export type { Checker, ClusterView, OutputRecord, Violation } from './checkers';
export { sweep } from './sweep';
export type { SweepOptions, SweepResult } from './sweep';
export { eventNode, eventSummary, formatEvent, formatMessage, formatTime, formatTrace } from './trace';
export type { DropReason, MessageFormatter, TraceEvent, TraceEventKind } from './trace';
export { happenedBeforeMatrix, stampTrace } from './causality';
export type { StampedEvent } from './causality';
export { SHIVIZ_REGEX, toShiViz } from './shiviz';
export { countByKind, latencySummary, messageLatencies, messagesPerOperation, percentile } from './metrics';
export type { LatencySummary } from './metrics';
export { latencyHistogram, spaceTimeDiagram } from './plots';
export type { SpaceTimeOptions } from './plots';
export { EventQueue } from './event-queue';
export type { Scheduled } from './event-queue';
export { copyDurable, copyPlain, MemoryDurableStore } from './durable';
// Small example protocols used by chapters, tests and benchmarks.
export { pingPong, PingPongNode } from './examples/ping-pong';
export type { PingPongMessage } from './examples/ping-pong';
export { allToAll, BroadcastNode } from './examples/broadcast';
export type { BroadcastMessage } from './examples/broadcast';
export { mutualExclusion, unsafeLock, UnsafeLockNode } from './examples/unsafe-lock';
export type { UnsafeLockMessage, UnsafeLockOptions } from './examples/unsafe-lock';
export { randomChatter, ChatterNode } from './examples/random-chatter';
export type { ChatterMessage } from './examples/random-chatter';
export { scripted, ScriptedNode } from './examples/scripted';
export type { NodeScript, ScriptedAction, ScriptedMessage } from './examples/scripted';
