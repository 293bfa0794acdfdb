/**
 * The one seeded random generator of a run. Every random choice of the simulation (ARP
 * reachable_time, proxy ARP delay, initial IP ids, TCP ISNs, scheduler tie-breaks that the kernel
 * randomises) draws from it, in event order, so the same seed gives the same run. It wraps
 * pure-rand's xoroshiro128+ with its uniform integer distribution; the generator is advanced in
 * place (the "unsafe" API) so that drawing allocates nothing.
 */
import { xoroshiro128plus } from 'pure-rand/generator/XoroShiro';
import { unsafeUniformIntDistribution } from 'pure-rand/distribution/UnsafeUniformIntDistribution';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** A deterministic integer source seeded once. */
export class SeededRandom {
  private readonly gen: RandomGenerator;

  /** `seed` is reduced to a 32-bit integer, as pure-rand expects. */
  constructor(seed: number) {
    this.gen = xoroshiro128plus(seed | 0);
  }

  /** A uniformly distributed integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return unsafeUniformIntDistribution(min, max, this.gen);
  }
}
