/**
 * The real-process runtime: the same `ProtocolNode`s as lib/sim, each in its own OS process,
 * talking TCP on 127.0.0.1 (lib/net framing), with real timers and a durable store on files
 * that survives `kill -9`; a launcher that kills, restarts, pauses and partitions them, and
 * records the run as lib/sim trace events.
 * @packageDocumentation
 */
export { Cluster, launchCluster } from './launcher';
export type { ExternalMessage, LaunchOptions, RuntimeError } from './launch-options';
export type { NodeStatus } from './node-slot';
export { FileDurableStore } from './file-store';
export type { ReadonlyFileStore } from './file-store';
export { recordsFromJsonLines, recordsToJsonLines, toTraceEvents } from './records';
export type { RuntimeRecord, RuntimeRecordKind } from './records';
export type { RequestOptions } from './requests';
export { runtimeProcesses } from './processes';
export type { RuntimeProcess } from './processes';
export { decodeValue, encodeValue, fromJsonValue, toJsonValue } from './codec';
export type { RuntimeDurability } from './wire';
