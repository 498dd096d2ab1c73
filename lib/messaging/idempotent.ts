/**
 * Idempotent consumers: at-least-once delivery plus "remember what you already did" gives
 * an exactly-once effect. The queue cannot promise exactly-once delivery across a crash;
 * the consumer can make a second delivery harmless.
 */

/**
 * Wraps an effect so that each message id runs it at most once. The set of processed ids
 * must live with the effect's state (same database, same transaction) in a real system;
 * here both are in memory.
 *
 * @example
 * const consumer = new IdempotentConsumer<number>((amount) => (balance += amount));
 * consumer.handle('pago-1', 10); // true: applied
 * consumer.handle('pago-1', 10); // false: a redelivery, ignored
 */
export class IdempotentConsumer<T> {
  private readonly processed = new Set<string>();
  /** Deliveries ignored because they were duplicates. */
  duplicates = 0;

  constructor(private readonly effect: (payload: T, messageId: string) => void) {}

  /** Applies the effect unless `messageId` was already processed; returns whether it ran. */
  handle(messageId: string, payload: T): boolean {
    if (this.processed.has(messageId)) {
      this.duplicates++;
      return false;
    }
    this.effect(payload, messageId);
    this.processed.add(messageId);
    return true;
  }

  /** True if `messageId` has been processed. */
  hasProcessed(messageId: string): boolean {
    return this.processed.has(messageId);
  }
}

/** A payment message: credit `amount` to `account`. `paymentId` is unique per payment. */
export interface Payment {
  paymentId: string;
  account: string;
  amount: number;
}

/** Balances plus the ids of the payments already applied (kept together, on purpose). */
export interface PaymentLedger {
  balances: Map<string, number>;
  applied: Set<string>;
}

/** What {@link applyPaymentOnce} returns: the ledger after the delivery, and whether it credited. */
export interface PaymentOutcome {
  ledger: PaymentLedger;
  credited: boolean;
}

/** An empty ledger. */
export function createLedger(): PaymentLedger {
  return { balances: new Map(), applied: new Set() };
}

function checkPayment(payment: Payment): void {
  if (typeof payment !== 'object' || payment === null) throw new TypeError(`el pago debe ser un objeto, recibido ${String(payment)}`);
  if (typeof payment.paymentId !== 'string' || payment.paymentId === '') throw new TypeError(`paymentId debe ser un string no vacío, recibido ${JSON.stringify(payment.paymentId)}`);
  if (typeof payment.account !== 'string' || payment.account === '') throw new TypeError(`account debe ser un string no vacío, recibido ${JSON.stringify(payment.account)}`);
  if (typeof payment.amount !== 'number' || !Number.isFinite(payment.amount) || payment.amount <= 0) {
    throw new RangeError(`amount debe ser un número finito > 0, recibido ${String(payment.amount)}`);
  }
}

/**
 * Exercise 01.3: one delivery of a payment to an idempotent consumer, as a pure function
 * over plain data: given the ledger before the delivery, returns the ledger after it and
 * whether the payment was credited. A consumer calls it on every delivery and keeps the
 * returned ledger (see {@link PaymentConsumer}); the input ledger is never modified.
 *
 * **Enunciado (ejercicio 01.3, en español).** Con entrega «al menos una vez» el mismo pago
 * puede llegar varias veces (el consumidor se cae después de abonar y antes del ack). Escribe
 * `applyPaymentOnce(ledger, payment)`, que devuelve `{ ledger, credited }`:
 * - la primera vez que llega un `paymentId`, `credited` es `true` y el libro devuelto suma
 *   `amount` al saldo de `account` (una cuenta que no está en `balances` empieza en 0) y
 *   añade el `paymentId` a `applied`;
 * - si el `paymentId` ya está en `ledger.applied`, `credited` es `false` y el libro devuelto
 *   tiene los mismos saldos y los mismos ids, aunque el pago repetido traiga otra cuenta u
 *   otro importe;
 * - los demás saldos y los ids ya aplicados se conservan;
 * - no modifiques el `ledger` que recibes (ni sus `Map`/`Set`): cuando abones, devuelve un
 *   libro nuevo. Quien guarda el libro es quien te llama: se queda con el que devuelves.
 * La función ya rechaza, antes de tu región, un pago sin `paymentId` o `account` (strings no
 * vacíos) o con un `amount` que no sea un número finito mayor que 0: no tienes que
 * comprobarlo. Escribe toda tu solución dentro de la región `#region exercise 01.3`: el
 * corrector toma solo ese texto de tu entrega; si necesitas una función auxiliar, declárala
 * dentro de la región.
 *
 * @example
 * let ledger = createLedger();
 * const pago = { paymentId: 'p1', account: 'ana', amount: 10 };
 * ({ ledger } = applyPaymentOnce(ledger, pago));            // credited: true
 * applyPaymentOnce(ledger, pago).credited;                   // false: a redelivery
 * ledger.balances.get('ana');                                // 10
 */
export function applyPaymentOnce(ledger: PaymentLedger, payment: Payment): PaymentOutcome {
  checkPayment(payment);
  // #region exercise 01.3: Consumidor idempotente (3 puntos)
  if (ledger.applied.has(payment.paymentId)) return { ledger, credited: false };
  const balances = new Map(ledger.balances);
  balances.set(payment.account, (balances.get(payment.account) ?? 0) + payment.amount);
  const applied = new Set(ledger.applied);
  applied.add(payment.paymentId);
  return { ledger: { balances, applied }, credited: true };
  // #endregion exercise 01.3
}

/** One delivery handed to {@link PaymentConsumer}: its body (a queue `Delivery` fits). */
export interface PaymentDelivery {
  /** The message body: a JSON-encoded {@link Payment}. */
  body: string;
}

/**
 * An idempotent payment consumer over a ledger: decodes each delivery's body, applies it
 * with {@link applyPaymentOnce} (exercise 01.3) and keeps the returned ledger. This is the
 * teacher's harness around the pure exercise function: the consumer owns the state, the
 * exercise only computes the next one.
 *
 * @example
 * const consumer = new PaymentConsumer();
 * consumer.deliver({ body: JSON.stringify({ paymentId: 'p1', account: 'ana', amount: 10 }) }); // true
 * consumer.deliver({ body: JSON.stringify({ paymentId: 'p1', account: 'ana', amount: 10 }) }); // false
 * consumer.ledger.balances.get('ana'); // 10
 */
export class PaymentConsumer {
  /** The consumer's ledger (balances and applied ids), replaced after every delivery. */
  ledger: PaymentLedger = createLedger();
  /** Deliveries ignored because their payment had been applied already. */
  duplicates = 0;

  /** Handles one delivery; returns whether it credited a payment (false for a duplicate). */
  deliver(delivery: PaymentDelivery): boolean {
    let payment: Payment;
    try {
      payment = JSON.parse(delivery.body) as Payment;
    } catch {
      throw new TypeError(`el cuerpo del mensaje no es JSON: ${delivery.body.slice(0, 80)}`);
    }
    const outcome = applyPaymentOnce(this.ledger, payment);
    this.ledger = outcome.ledger;
    if (!outcome.credited) this.duplicates++;
    return outcome.credited;
  }
}
