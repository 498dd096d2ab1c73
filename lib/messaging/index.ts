/**
 * Asynchronous messaging, in process by default: queues with acks, redelivery and dead
 * letters (RabbitMQ's model), publish/subscribe topics, a partitioned log with consumer
 * groups (Kafka's model), idempotent consumers, and the same queue demo on a real RabbitMQ.
 * @packageDocumentation
 */
export { MessageQueue } from './queue';
export type { Delivery, QueuedMessage, QueueEvent, QueueOptions } from './queue';
export { Topic } from './pubsub';
export { ConsumerGroup, hashKey, PartitionedLog } from './log';
export type { LogRecord } from './log';
export { applyPaymentOnce, createLedger, IdempotentConsumer, PaymentConsumer } from './idempotent';
export type { Payment, PaymentDelivery, PaymentLedger, PaymentOutcome } from './idempotent';
export { simulateConsumers } from './simulation';
export type { ConsumerRunResult, ConsumerScenario, CrashPlan, TimelineEntry } from './simulation';
export { BROKER_ID, BrokerNode, ConsumerNode, EffectStore, formatBrokerMessage } from './simulation-nodes';
export type { BrokerMessage, ConsumerOptions, EffectOutcome } from './simulation-nodes';
export { demoDefaults, demoMessageIds, runQueueDemo } from './demo';
export type { QueueDemoOptions, QueueDemoSummary } from './demo';
export { runAmqpQueueDemo, runQueueDemoFromEnv } from './amqp';
export { effectsFigure, queueTimelineFigure } from './plots';
