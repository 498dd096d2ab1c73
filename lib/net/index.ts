/**
 * Message passing: framing over a TCP stream, UDP datagrams, both on 127.0.0.1, and a
 * seeded lossy link that shows what each transport hides or exposes.
 * @packageDocumentation
 */
export { encodeFrame, FrameDecoder, FrameTooLargeError, HEADER_BYTES, splitAt } from './framing';
export { connectFramed, FramedConnection, LOOPBACK, startFramedServer } from './tcp';
export type { FramedServer } from './tcp';
export { bindUdp } from './udp';
export type { Datagram, UdpEndpoint } from './udp';
export { channelFigure, simulateChannel } from './channel';
export type { ChannelDelivery, ChannelMode, ChannelOptions, ChannelResult } from './channel';
