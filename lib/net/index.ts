/**
 * Message passing: framing over a TCP stream, UDP datagrams, both on 127.0.0.1, and a
 * lossy link simulated with lib/sim that shows what each transport hides or exposes.
 * @packageDocumentation
 */
export { encodeFrame, FrameDecoder, FrameTooLargeError, HEADER_BYTES, splitAt } from './framing';
export { closeHttpServer, LOOPBACK, listenOnLoopback } from './loopback';
export type { LoopbackListenable } from './loopback';
export { connectFramed, FramedConnection, startFramedServer } from './tcp';
export type { FramedConnectionOptions, FramedServer } from './tcp';
export { bindUdp } from './udp';
export type { Datagram, UdpEndpoint } from './udp';
export { channelFigure, simulateChannel } from './channel';
export type { ChannelDelivery, ChannelOptions, ChannelResult } from './channel';
export { ChannelReceiver, ChannelSender, formatChannelMessage, RECEIVER_ID, SENDER_ID } from './channel-nodes';
export type { ChannelMessage, ChannelMode, SenderOptions } from './channel-nodes';
