/** mulberry32: a tiny seeded PRNG, so fault injection is reproducible run after run. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  seed(seed: number): void;
}

export function createRng(initialSeed: number): Rng {
  let state = initialSeed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    },
    seed(seed) {
      state = seed >>> 0;
    },
  };
}
