/**
 * The Byzantine generals with oral messages (Lamport, Shostak & Pease 1982, algorithm
 * OM(1)): the commander sends an order to every lieutenant, each lieutenant relays what it
 * got to the others, and each decides by majority of what it heard. With n = 3 and one
 * traitor no rule works — a loyal lieutenant cannot tell a lying commander from a lying
 * comrade — and with n = 4 (3f + 1) the majority always works.
 */

/** An order, in the lecture's words. */
export type Order = 'atacar' | 'retirarse';

/** How a lieutenant decides when what it heard is a tie. */
export type TieBreak = 'retirarse' | 'comandante';

/** One oral message: round 1 is the commander's order, round 2 a lieutenant's relay. */
export interface OralMessage {
  readonly round: 1 | 2;
  readonly from: string;
  readonly to: string;
  readonly value: Order;
}

/** The outcome of one OM(1) run. */
export interface GeneralsOutcome {
  readonly messages: readonly OralMessage[];
  /** What each loyal lieutenant heard (the commander's order first) and decided. */
  readonly lieutenants: readonly { readonly id: string; readonly heard: readonly Order[]; readonly decision: Order }[];
  /** IC1: every loyal lieutenant decides the same. */
  readonly agreement: boolean;
  /** IC2: if the commander is loyal, every loyal lieutenant obeys it. */
  readonly validity: boolean;
}

const flip = (o: Order): Order => (o === 'atacar' ? 'retirarse' : 'atacar');

/**
 * Runs OM(1). `generals[0]` is the commander. A traitorous commander tells the lieutenants
 * alternately `order` and its opposite; a traitorous lieutenant relays the opposite of what it got.
 *
 * @example
 * oralMessages({ generals: ['C', 'L1', 'L2'], traitors: ['L2'], order: 'atacar' }).validity;       // false: L1 retreats
 * oralMessages({ generals: ['C', 'L1', 'L2', 'L3'], traitors: ['L3'], order: 'atacar' }).validity; // true
 */
export function oralMessages(options: { generals: readonly string[]; traitors: readonly string[]; order: Order; tieBreak?: TieBreak }): GeneralsOutcome {
  const [commander, ...lieutenants] = options.generals as [string, ...string[]];
  const traitor = (id: string) => options.traitors.includes(id);
  const messages: OralMessage[] = [];
  const received = new Map<string, Order>();
  lieutenants.forEach((l, i) => {
    const value = traitor(commander) && i % 2 === 1 ? flip(options.order) : options.order;
    received.set(l, value);
    messages.push({ round: 1, from: commander, to: l, value });
  });
  const heard = new Map<string, Order[]>(lieutenants.map((l) => [l, [received.get(l) as Order]]));
  for (const from of lieutenants) {
    for (const to of lieutenants) {
      if (from === to) continue;
      const got = received.get(from) as Order;
      const value = traitor(from) ? flip(got) : got;
      messages.push({ round: 2, from, to, value });
      heard.get(to)!.push(value);
    }
  }
  const loyal = lieutenants.filter((l) => !traitor(l)).map((id) => {
    const values = heard.get(id) as Order[];
    const attack = values.filter((v) => v === 'atacar').length;
    const retreat = values.length - attack;
    const tie = (options.tieBreak ?? 'retirarse') === 'retirarse' ? 'retirarse' : (values[0] as Order);
    const decision: Order = attack > retreat ? 'atacar' : retreat > attack ? 'retirarse' : tie;
    return { id, heard: values, decision };
  });
  const agreement = loyal.every((l) => l.decision === loyal[0]?.decision);
  const validity = traitor(commander) || loyal.every((l) => l.decision === options.order);
  return { messages, lieutenants: loyal, agreement, validity };
}
