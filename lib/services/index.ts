/**
 * Real services on 127.0.0.1 for the chapters that use them: finding a binary, starting a
 * server in its own process group with data under `build/services/`, waiting until it answers,
 * stopping it (also on failure), and the Spanish "install it with apt-get" message.
 * @packageDocumentation
 */
export { ServiceMissing, findBinary, freePort, missingServiceMessage, nonLoopbackAddress, portOpen, runningServices, serviceDataDir, startService, stopAllServices } from './process';
export type { ServiceHandle, ServiceName, StartServiceOptions } from './process';
export { encodeCommand, parseReply, RedisConnection, RedisError, redisBinary, replicationField, startRedis, startRedisPair } from './redis';
export type { RedisPair, RedisServer, RespValue } from './redis';
export { etcdBinary, startEtcdCluster } from './etcd'; export type { EtcdCluster, EtcdClusterOptions, EtcdMember } from './etcd'; export { etcdClient, EtcdError } from './etcd-client'; export type { EtcdClient, EtcdErrorKind } from './etcd-client'; export { longestWriteGapMs, measureEtcdFailover, recordEtcdHistory } from './etcd-history'; export type { EtcdFailover, EtcdHistoryOptions } from './etcd-history';
export { haproxyBinary, haproxyConfig, startHaproxy } from './haproxy'; export type { HaproxyBalance, HaproxyInstance, HaproxyPool, HaproxyServerLine } from './haproxy';
