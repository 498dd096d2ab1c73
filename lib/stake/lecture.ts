/**
 * The lecture's `ProofOfStake` class, replicated in TypeScript. Its last line is cut in the
 * lecture (`random.choices(list(self.stakers.keys()), we`); completed as Python's
 * `random.choices(keys, weights=values)[0]` (choices returns a **list**: without `[0]` the
 * lecture would print `['Bob']`), with the kit's seeded stream instead of Python's global one.
 */
import type { Rng } from '../random/index';
import { stakeWeightedPick } from './selection';

/** The lecture's staker registry. */
export interface LecturePos {
  addStaker(address: string, amount: number): void;
  /** Python's `random.choices(...)` result: a list of one validator. */
  selectValidatorList(): string[];
  readonly stakers: ReadonlyMap<string, number>;
}

/**
 * The lecture's `ProofOfStake`, with a seeded `Rng`.
 *
 * @example
 * const pos = lecturePos(createRng(1)); pos.addStaker('Alice', 10); pos.addStaker('Bob', 20);
 * pos.selectValidatorList(); // ['Bob'] (a list, as random.choices returns)
 */
export function lecturePos(rng: Rng): LecturePos {
  const stakers = new Map<string, number>();
  return {
    stakers,
    addStaker(address, amount) {
      stakers.set(address, amount); // a second add_staker replaces the stake, as the dict does
    },
    selectValidatorList() {
      return [stakeWeightedPick(stakers, rng.next())];
    },
  };
}
