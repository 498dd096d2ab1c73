/**
 * lib/actors: a small actor runtime (addresses, mailboxes handled one message at a time,
 * frozen messages, children, one-for-one supervision with a restart limit, dead letters), the
 * lecture's restaurant on it — on lib/sim (same seed, same trace) and on worker threads — its
 * checkers, sweep scenario, pictures and chapter 04's exercise 04.4.
 */
export { actorAddress, hostOf, isValidName, parseAddress } from './address';
export type { ActorAddress, ParsedAddress } from './address';
export { freezeMessage, messageProblem, messageType, parseWire, sealMessage } from './messages';
export type { ActorWire, Deliver } from './messages';
export { hasType, report, schedule, spawn, stopSelf, tell } from './behavior';
export type { ActorContext, ActorEffect, ActorStep, AnyBehavior, Behavior, RestartCause } from './behavior';
export { DEFAULT_STRATEGY, decideFailure, oneForOne } from './supervision';
export type { SupervisionDecision, SupervisorStrategy } from './supervision';
export { ActorSystem } from './actor-system';
export type { ActorSystemIo, ActorSystemOptions } from './actor-system';
export { errorText } from './step-check';
export { ActorHost, actorHosts } from './host';
export type { HostSpec, TopLevelActor } from './host';
export { MENU, RESTAURANT, orderPriceCents, orderProblem, restaurantOrders } from './restaurant-messages';
export type { CashierMessage, CashierReceive, CashierReplyMessage, CashierState, OrderSpec, Reply, RestaurantOrdersOptions } from './restaurant-messages';
export { cashierBehavior, cashierStep, customerBehavior, headChefBehavior, kitchenBehavior, kitchenFlakes, notifierBehavior, orderBehavior } from './restaurant-actors';
export type { RestaurantBehaviorOptions } from './restaurant-actors';
export { RestaurantLedger, restaurantCheckers } from './restaurant-checkers';
export type { RestaurantCheckerName, RestaurantProblem } from './restaurant-checkers';
export { RESTAURANT_HOSTS, restaurantNodes, restaurantOutcome, restaurantSimulation, runRestaurantSim } from './restaurant';
export type { RestaurantOptions, RestaurantRun, RestaurantSimOptions } from './restaurant';
export { restaurantScenario, restaurantSeedPlan } from './restaurant-scenario';
export type { RestaurantScenario, RestaurantScenarioOptions } from './restaurant-scenario';
export { actorsFile, liveActorThreads, runOnThreads } from './threads';
export type { ThreadFactory, ThreadRunOptions, ThreadRunResult } from './threads';
export { runRestaurantThreads } from './restaurant-threads';
export type { RestaurantThreadRun } from './restaurant-threads';
export { lectureOrderActor, runLectureRestaurant } from './lecture';
export { actorTimeline, lostOrdersChart, lostOrdersRows } from './plots';
export type { LostOrdersRow } from './plots';
export { summarizeActors } from './summary';
export { cashierReceive } from './exercises';
