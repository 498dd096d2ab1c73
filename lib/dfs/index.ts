/**
 * HDFS-style blocks on the simulator: a NameNode and DataNodes on racks, HDFS's default
 * placement, heartbeats, the dead-node timeout, re-replication by priority, its checkers and
 * sweep scenario, the chapter's experiment and plots, and the lecture's `DistributedFileSystem`.
 * @packageDocumentation
 */
export type { HdfsConfig, RedundancyPriority } from './config';
export { deadNodeTimeoutMs, HDFS_BLOCK_SIZE_BYTES, HDFS_DEFAULTS, PRIORITY_NAMES, PRIORITY_ORDER, redundancyPriority, SCALED_BLOCK_SIZE_BYTES, SCALED_TIMING } from './config';
export type { DfsFile, RackTopology } from './topology';
export { blockCount, rackTopology, splitIntoBlocks } from './topology';
export type { ChooseTargetsOptions, PlacementChoice, PlacementPolicy } from './placement';
export { chooseTargets, firstNodesChoice, hdfsPlacementChoice, placementChoice, rackUnawareChoice, racksOf } from './placement';
export type { DfsMessage, TransferCommand } from './messages';
export { DFS_MESSAGE_TYPES, formatDfsMessage, parseDfsMessage } from './messages';
export { blocksOnDisk, DataNode, NAMENODE_ID } from './datanode';
export type { DataNodeOptions } from './datanode';
export { NameNode } from './namenode';
export type { DatanodeDescriptor, NameNodeOptions, ScheduledCopy } from './namenode';
export { hdfsCluster, liveReplicaCounts, placeFiles, randomFiles } from './cluster';
export type { DfsNode, HdfsCluster, HdfsClusterOptions } from './cluster';
export { noBlockLost, reReplicated } from './checkers';
export { describeHdfsPlan, hdfsPlan, hdfsScenario } from './scenario';
export type { HdfsFault, HdfsPlan, HdfsScenario, HdfsScenarioOptions } from './scenario';
export { replicationTimeline } from './experiment';
export type { ReplicationTimeline, ReplicationTimelineOptions, TimelineSample } from './experiment';
export { reReplicationZoomFigure, replicationTimelineFigure, skewFigure } from './plots';
export { FixedDistributedFileSystem, LectureDistributedFileSystem, lectureSkew } from './lecture';
export type { SkewRow } from './lecture';
export { chooseReplicaTarget } from './exercises';
