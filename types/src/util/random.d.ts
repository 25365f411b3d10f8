/**
 * mulberry32: a small, fast, well-mixed 32-bit PRNG, deterministic for a seed. Good enough to pick
 * injected faults and test stimuli so that a failing run replays exactly; not for anything secret.
 */
export declare function seededRandom(seed: number): () => number;
