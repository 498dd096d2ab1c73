/**
 * The actor runtime of one host: a mailbox per actor, processed one message at a time; a run
 * queue that takes turns between actors with mail; children, supervision and dead letters.
 * It does no I/O itself: remote sends, timers and events go through {@link ActorSystemIo},
 * which the simulated host (`host.ts`) and the worker-thread host both provide.
 */
import type { Rng } from '../random/index';
import { hostOf } from './address';
import type { ActorAddress } from './address';
import type { ActorContext, ActorEffect, ActorStep, AnyBehavior, RestartCause } from './behavior';
import { messageType, sealMessage } from './messages';
import type { Deliver } from './messages';
import { lookupCell } from './cell';
import type { Cell, Mail } from './cell';
import { Queue } from './queue';
import { checkStep, errorText } from './step-check';
import { DEFAULT_STRATEGY, decideFailure } from './supervision';
import type { SupervisorStrategy } from './supervision';

/** What the runtime needs from whoever hosts it. */
export interface ActorSystemIo {
  /** Sends an envelope to another host. */
  sendRemote(host: string, wire: Deliver): void;
  /** Arms the timer `name`; when it fires, the host calls {@link ActorSystem.fireTimer}. */
  setTimer(name: string, afterMs: number): void;
  /** Records an event: lifecycle (`actor.failed`, `actor.restarted`, …) or an actor's report. */
  emit(label: string, data: Record<string, unknown>): void;
}

/** Options of {@link ActorSystem}. */
export interface ActorSystemOptions {
  readonly host: string;
  readonly rng: Rng;
  readonly io: ActorSystemIo;
  /** Emit `actor.processed` for every message handled (for timelines; default false). */
  readonly recordMessages?: boolean;
}

/**
 * One host's actors.
 *
 * @example
 * const system = new ActorSystem({ host: 'sala', rng: createRng(1), io });
 * system.spawnTop('contador', contador);
 * system.deliver('sala/contador', { type: 'Sumar' });
 * system.drain(0);
 */
export class ActorSystem {
  readonly host: string;
  private readonly rng: Rng;
  private readonly io: ActorSystemIo;
  private readonly recordMessages: boolean;
  private readonly top = new Map<string, Cell>();
  private readonly runQueue = new Queue<Cell>();
  private readonly timers = new Map<string, { readonly cell: Cell; readonly incarnation: number; readonly message: unknown }>();
  private readonly byAddress = new Map<ActorAddress, Cell>();
  private timerSeq = 0;
  private nowMs = 0;

  constructor(options: ActorSystemOptions) {
    this.host = options.host;
    this.rng = options.rng;
    this.io = options.io;
    this.recordMessages = options.recordMessages ?? false;
  }

  /** Creates a top-level actor `host/name` (supervised by the host's root with `strategy`). */
  spawnTop(name: string, behavior: AnyBehavior, strategy: SupervisorStrategy = DEFAULT_STRATEGY, nowMs = this.nowMs): ActorAddress {
    this.nowMs = nowMs;
    if (this.top.has(name)) throw new Error(`ya existe un actor ${this.host}/${name}`);
    return this.create(undefined, name, behavior, strategy).address;
  }

  /** Puts a message (already a sealed or plain value) in the mailbox of the local actor `to`. */
  deliver(to: ActorAddress, message: unknown, sender?: ActorAddress): void {
    let sealed: unknown;
    try {
      sealed = sealMessage(message);
    } catch (error) {
      this.io.emit('actor.deadLetter', { to, type: messageType(message), reason: errorText(error) });
      return;
    }
    const cell = this.find(to);
    if (cell === undefined) {
      this.io.emit('actor.deadLetter', { to, type: messageType(sealed), reason: `no hay ningún actor en ${to}` });
      return;
    }
    this.enqueue(cell, sender === undefined ? { message: sealed } : { message: sealed, sender });
  }

  /** A timer armed through the io fired: the scheduled message goes to its actor (if still the same life). */
  fireTimer(name: string): void {
    const timer = this.timers.get(name);
    if (timer === undefined) return;
    this.timers.delete(name);
    // Akka cancels an actor's timers when it restarts or stops: a stale one is dropped.
    if (timer.cell.stopped || timer.cell.incarnation !== timer.incarnation) return;
    this.enqueue(timer.cell, { message: timer.message, sender: timer.cell.address });
  }

  /**
   * Processes mail, one message of one actor at a time, taking turns, until no actor has mail
   * or `budget` messages were handled. Returns true if mail remains (call again later).
   */
  drain(nowMs: number, budget = 100_000): boolean {
    this.nowMs = nowMs;
    let handled = 0;
    while (this.runQueue.length > 0) {
      if (handled >= budget) return true;
      const cell = this.runQueue.shift() as Cell;
      const mail = cell.stopped ? undefined : cell.mailbox.shift();
      if (mail !== undefined) {
        this.processOne(cell, mail);
        handled++;
      }
      cell.queued = false;
      if (!cell.stopped && cell.mailbox.length > 0) this.schedule(cell);
    }
    return false;
  }

  /** The addresses of every live actor, parents before children. */
  actors(): ActorAddress[] {
    const out: ActorAddress[] = [];
    const walk = (cells: Iterable<Cell>) => {
      for (const cell of cells) {
        out.push(cell.address);
        walk(cell.children.values());
      }
    };
    walk(this.top.values());
    return out;
  }

  /** The current state of the live actor at `address` (tests, notebooks), or `undefined`. */
  stateOf(address: ActorAddress): unknown {
    return this.find(address)?.state;
  }

  private find(address: ActorAddress): Cell | undefined {
    // A cache of live cells by address: parsing an address on every message is most of its cost.
    const cached = this.byAddress.get(address);
    if (cached !== undefined && !cached.stopped) return cached;
    const cell = lookupCell(this.top, this.host, address);
    if (cell === undefined) this.byAddress.delete(address);
    else this.byAddress.set(address, cell);
    return cell;
  }

  private create(parent: Cell | undefined, name: string, behavior: AnyBehavior, strategy: SupervisorStrategy): Cell {
    const address = parent === undefined ? `${this.host}/${name}` : `${parent.address}/${name}`;
    const cell: Cell = { name, address, parent, behavior, strategy, state: undefined, incarnation: 0, restartTimesMs: [], mailbox: new Queue<Mail>(), children: new Map(), stopped: false, queued: false, rng: this.rng.fork(address) };
    (parent === undefined ? this.top : parent.children).set(name, cell);
    this.io.emit('actor.spawned', { actor: address, kind: behavior.kind, parent: parent?.address ?? 'raíz' });
    this.initCell(cell, undefined);
    return cell;
  }

  private context(cell: Cell, sender: ActorAddress | undefined, restartCause?: RestartCause): ActorContext {
    return { self: cell.address, nowMs: this.nowMs, rng: cell.rng, incarnation: cell.incarnation, ...(sender === undefined ? {} : { sender }), ...(restartCause === undefined ? {} : { restartCause }) };
  }

  private enqueue(cell: Cell, mail: Mail): void {
    if (cell.stopped) {
      this.io.emit('actor.deadLetter', { to: cell.address, type: messageType(mail.message), reason: 'el actor está detenido' });
      return;
    }
    cell.mailbox.push(mail);
    if (!cell.queued) this.schedule(cell);
  }

  private schedule(cell: Cell): void {
    cell.queued = true;
    this.runQueue.push(cell);
  }

  private processOne(cell: Cell, mail: Mail): void {
    const type = messageType(mail.message);
    if (!cell.behavior.accepts(mail.message)) {
      this.io.emit('actor.unhandled', { actor: cell.address, type, reason: `${cell.behavior.kind} no entiende el mensaje ${type}` });
      return;
    }
    let step: ActorStep<unknown>;
    try {
      step = checkStep(cell.behavior.receive(cell.state, mail.message, this.context(cell, mail.sender)), cell.behavior.kind, cell.address, cell.children);
    } catch (error) {
      this.fail(cell, error, mail);
      return;
    }
    cell.state = step.state;
    if (this.recordMessages) this.io.emit('actor.processed', { actor: cell.address, type, ...(mail.sender === undefined ? {} : { from: mail.sender }) });
    this.apply(cell, step.effects ?? []);
  }

  private initCell(cell: Cell, cause: RestartCause | undefined): void {
    let step: ActorStep<unknown>;
    try {
      step = checkStep(cell.behavior.init(this.context(cell, undefined, cause)), cell.behavior.kind, cell.address, cell.children);
    } catch (error) {
      this.fail(cell, error, undefined);
      return;
    }
    cell.state = step.state;
    this.apply(cell, step.effects ?? []);
  }

  private apply(cell: Cell, effects: readonly ActorEffect[]): void {
    for (const effect of effects) {
      if (cell.stopped) return;
      switch (effect.type) {
        case 'tell': {
          const message = sealMessage(effect.message);
          const host = hostOf(effect.to);
          if (host === this.host) this.deliver(effect.to, message, cell.address);
          else this.io.sendRemote(host, { type: 'Deliver', to: effect.to, from: cell.address, message });
          break;
        }
        case 'spawn':
          this.create(cell, effect.name, effect.behavior, effect.supervision ?? DEFAULT_STRATEGY);
          break;
        case 'schedule': {
          const name = `a${++this.timerSeq}`;
          this.timers.set(name, { cell, incarnation: cell.incarnation, message: sealMessage(effect.message) });
          this.io.setTimer(name, effect.afterMs);
          break;
        }
        case 'report':
          this.io.emit(effect.label, { actor: cell.address, ...(effect.data ?? {}) });
          break;
        case 'stop':
          this.stopCell(cell, 'se detuvo a sí mismo');
          break;
      }
    }
  }

  private fail(cell: Cell, error: unknown, mail: Mail | undefined): void {
    const text = errorText(error);
    this.io.emit('actor.failed', { actor: cell.address, error: text, type: mail === undefined ? 'init' : messageType(mail.message), incarnation: cell.incarnation });
    const { decision, restartTimesMs } = decideFailure(cell.restartTimesMs, cell.strategy, this.nowMs);
    cell.restartTimesMs = restartTimesMs;
    if (decision === 'restart') {
      this.restart(cell, { error: text, ...(mail === undefined ? {} : { message: mail.message }), ...(mail?.sender === undefined ? {} : { sender: mail.sender }) });
      return;
    }
    const { maxRestarts, withinMs } = cell.strategy;
    this.stopCell(cell, `superó el límite de reinicios (${maxRestarts} en ${withinMs} ms)`);
    this.io.emit('actor.escalated', { actor: cell.address, to: cell.parent?.address ?? 'raíz' });
    // The escalated failure carries the child's failing message, so the parent's next life knows it.
    if (cell.parent !== undefined && !cell.parent.stopped) this.fail(cell.parent, new Error(`su hijo ${cell.name} superó el límite de reinicios: ${text}`), mail);
  }

  private restart(cell: Cell, cause: RestartCause): void {
    for (const child of [...cell.children.values()]) this.stopCell(child, 'su padre se reinició');
    cell.incarnation++;
    cell.rng = this.rng.fork(`${cell.address}#${cell.incarnation}`);
    if (cell.strategy.mailbox === 'discard') this.deadLetters(cell, 'buzón descartado al reiniciar');
    this.io.emit('actor.restarted', { actor: cell.address, incarnation: cell.incarnation });
    this.initCell(cell, cause);
  }

  private stopCell(cell: Cell, reason: string): void {
    if (cell.stopped) return;
    for (const child of [...cell.children.values()]) this.stopCell(child, 'su padre se detuvo');
    cell.stopped = true;
    (cell.parent === undefined ? this.top : cell.parent.children).delete(cell.name);
    this.deadLetters(cell, 'el actor se detuvo');
    this.io.emit('actor.stopped', { actor: cell.address, reason });
  }

  private deadLetters(cell: Cell, reason: string): void {
    for (const mail of cell.mailbox.takeAll()) this.io.emit('actor.deadLetter', { to: cell.address, type: messageType(mail.message), reason });
  }
}
