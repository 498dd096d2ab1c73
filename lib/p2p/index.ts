/**
 * Peer-to-peer chat (chapter 04): a pure peer node that floods chat lines with de-duplication
 * by id over a bootstrap overlay, run on real TCP sockets on 127.0.0.1 (framed) and on lib/sim
 * (loss, partitions, fan-out); the lecture's single-read server replayed; checkers, a sweep
 * scenario, plots and the comparison row.
 * @packageDocumentation
 */
export { floodOnChat } from './exercises';
export type { FloodDecision, FloodedMessage } from './exercises';
export { formatP2PMessage, MalformedMessageError, parseEnvelope, validateP2PMessage } from './messages';
export type { Ack, Chat, Envelope, Join, Leave, P2PMessage, Post } from './messages';
export { floodRule, P2PPeer, validatePeerOptions } from './peer';
export type { Fanout, FloodRule, P2PPeerOptions, PeerStatus } from './peer';
export { bootstrapLists, isConnected, overlayEdges } from './overlay';
export { deliveredOnce, floodCoverage, floodDeliveries } from './checkers';
export type { DeliverData } from './checkers';
export { fanoutExperiment, FLOOD_CONDITIONS, simulateFlood } from './experiment';
export type { FanoutRow, FloodCondition, FloodOptions, FloodRun } from './experiment';
export { coverageFigure, duplicatesFigure, fanoutLabel } from './plots';
export { describeP2PPlan, p2pPlan, p2pScenario } from './scenario';
export type { P2PPlan, P2PScenario, P2PScenarioOptions } from './scenario';
export { TcpPeer, waitUntil } from './tcp-peer';
export type { PeerError, TcpPeerOptions } from './tcp-peer';
export { runTcpChat } from './chat';
export type { ChatOptions, ChatRun, ChatStep } from './chat';
export { recvDemo } from './lecture';
export type { RecvCase } from './lecture';
export { summarizeP2P } from './summary';
export type { P2PRun } from './summary';
