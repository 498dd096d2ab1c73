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

/** An empty ledger. */
export function createLedger(): PaymentLedger {
  return { balances: new Map(), applied: new Set() };
}

/**
 * Applies a payment to the ledger exactly once, however many times it is delivered:
 * credit the account the first time `paymentId` is seen and return true; on any later
 * delivery of the same `paymentId` change nothing and return false.
 *
 * @example
 * const ledger = createLedger();
 * applyPaymentOnce(ledger, { paymentId: 'p1', account: 'ana', amount: 10 }); // true
 * applyPaymentOnce(ledger, { paymentId: 'p1', account: 'ana', amount: 10 }); // false
 * ledger.balances.get('ana'); // 10
 */
export function applyPaymentOnce(ledger: PaymentLedger, payment: Payment): boolean {
  // #region exercise 01.3: Consumidor idempotente (3 puntos)
  if (ledger.applied.has(payment.paymentId)) return false;
  ledger.balances.set(payment.account, (ledger.balances.get(payment.account) ?? 0) + payment.amount);
  ledger.applied.add(payment.paymentId);
  return true;
  // #endregion exercise 01.3
}
