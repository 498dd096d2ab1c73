/**
 * A deterministic network simulator: protocol nodes as state machines that return effects,
 * a seeded faulty network, fault schedules, checkers, seed sweeps, traces and pictures.
 * @packageDocumentation
 */
export type { DurableStore, Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode, ReadonlyDurableStore } from './types';
export { assertNever, cancelTimer, fsync, output, send, setTimer } from './types';
export { Simulation } from './simulation';
export type { ClientOptions, DropFilter, ExternalDelivery, MessageInFlight, SimulationOptions, SimulationStats } from './simulation';
export { closedLoopClient, ClosedLoopClient } from './closed-loop-client';
export type { ClientReply, ClosedLoopClientOptions } from './closed-loop-client';
export { historyFromOutputs, HistoryRecorder, OPERATION } from './history-recorder';
export type { CompleteData, InvokeData } from './history-recorder';
export { combineNemeses, crashOnOutput, isolateOnOutput } from './nemesis';
export type { CrashOnOutputOptions, IsolateOnOutputOptions, Nemesis, NemesisControl } from './nemesis';
export { DEFAULT_LATENCY, latency, sampleLatency, validateLatency } from './network';
export type { LatencyModel, LinkModel, LinkOverride, NetworkModel } from './network';
export { fault, randomFaults } from './faults';
export type { Fault, RandomFaultOptions } from './faults';
export { checker, checkerName, formatViolation, InvariantViolationError, isCheckerFactory, readCheckResult } from './checkers';
export type { AnyChecker, Checker, CheckerFactory, CheckResult, ClusterView, OutputRecord, RunChecker, Violation } from './checkers';
export { CheckerSet, eventually } from './run-checkers';
export type { EventuallyOptions, EventuallyTrigger, Failure } from './run-checkers';
export { parseShard, sweep } from './sweep';
export type { ScenarioFunction, ScenarioObject, SweepFailure, SweepOptions, SweepResult, SweepScenario, SweepShard } from './sweep';
export { explainFailure } from './sweep-report';
export type { CauseLocator, FailureExplanation } from './sweep-report';
export { sweepParallel } from './sweep-workers';
export type { ParallelSweepOptions, ScenarioModule } from './sweep-workers';
export { describeFault, SWARM_FEATURES, swarmFaults } from './swarm';
export type { SwarmFeature, SwarmOptions, SwarmPlan } from './swarm';
export { eventNode, eventSummary, formatEvent, formatMessage, formatTime, formatTrace } from './trace';
export type { DropReason, MessageFormatter, TraceEvent, TraceEventKind, TraceTextOptions } from './trace';
export { AROUND_DEFAULT_MS, filterTrace, messageType, selectEvents, traceWindow } from './trace-view';
export type { AroundEvent, TraceFilter } from './trace-view';
export { happenedBeforeMatrix, stampTrace } from './causality';
export type { StampedEvent } from './causality';
export { SHIVIZ_REGEX, toShiViz } from './shiviz';
export { countByKind, latencySummary, messageLatencies, messagesPerOperation, percentile } from './metrics';
export type { LatencySummary } from './metrics';
export { latencyHistogram, spaceTimeDiagram } from './plots';
export type { SpaceTimeOptions } from './plots';
export { CRASHED_STATE, recordStates, stateTimeline } from './plots';
export type { StateDescription, StateRecord, StateRecorder, StateTimelineOptions } from './plots';
export { EventQueue } from './event-queue';
export type { Scheduled } from './event-queue';
export { copyDurable, copyPlain, MemoryDurableStore } from './durable';
export type { DurabilityMode } from './durable';
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
export { raftLite, RaftLiteNode } from './examples/raft-lite';
export type { RaftLiteApply, RaftLiteEntry, RaftLiteMessage, RaftLiteOptions, RaftLiteRole } from './examples/raft-lite';
export { electionSafety, leaderCompleteness, logMatching, raftLiteCheckers, stateMachineSafety } from './examples/raft-lite-checkers';
export { raftLiteCause, raftLiteScenario } from './examples/raft-lite-scenario';
export type { RaftLiteScenario, RaftLiteScenarioOptions } from './examples/raft-lite-scenario';
export { kvRegister, kvRegisterClient, KvRegisterNode } from './examples/kv-register';
export type { KvMessage, KvRegisterClientOptions, KvRegisterOptions } from './examples/kv-register';
