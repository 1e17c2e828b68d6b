/**
 * PyTorch's CPU `torch.Generator`, bit for bit, for the draws schedules take from it (timm's lr noise:
 * a fresh generator seeded with `noise_seed + t`, then `torch.randn(1)` or `torch.rand(1)`).
 *
 * - `manualSeed(seed)`: mt19937 seeded with `seed mod 2**32` (the standard `init_genrand`); the
 *   cached normal sample is dropped, as `manual_seed` does.
 * - `rand()`: `torch.rand(1).item()` (float32): `(u32 & 0xFFFFFF) * 2**-24`.
 * - `randn()`: `torch.randn(1).item()` (float32, one element): two 53-bit uniforms
 *   `u = ((hi & 0x1FFFFF) * 2**32 + lo) * 2**-53` (`hi` drawn first), `u1` then `u2`;
 *   `r = sqrt(-2 * log(1 - u2))`, `theta = 2 * pi * u1`; returns `fround(r * cos(theta))` and keeps
 *   `r * sin(theta)`: the next `randn()` returns `fround` of that, the one after draws a new pair.
 */

const N = 624;
const M = 397;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;
const MATRIX_A = 0x9908b0df;
const TWO_POW_32 = 4294967296;

/**
 * One torch CPU generator. Its state is allocated once; seeding and drawing allocate nothing.
 * @example
 * const g = new TorchGenerator().manualSeed(52);
 * g.randn(); // what torch.Generator().manual_seed(52) gives torch.randn(1, generator=g).item()
 */
export class TorchGenerator {
  readonly #state = new Uint32Array(N);
  #next = N;
  #normal = 0;
  #hasNormal = false;

  constructor(seed = 67280421310721) {
    this.manualSeed(seed);
  }

  /**
   * Seeds the generator as `torch.Generator.manual_seed(seed)` does: mt19937 takes `seed mod 2**32`
   * (torch reads a negative seed as its 64-bit two's complement, which has the same low 32 bits).
   * @throws RangeError unless `seed` is a safe integer
   */
  manualSeed(seed: number): this {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`manualSeed: the seed must be a safe integer; got ${seed}`);
    const state = this.#state;
    state[0] = ((seed % TWO_POW_32) + TWO_POW_32) % TWO_POW_32;
    for (let i = 1; i < N; i++) {
      const previous = state[i - 1]!;
      state[i] = Math.imul(1812433253, previous ^ (previous >>> 30)) + i;
    }
    this.#next = N;
    this.#hasNormal = false;
    return this;
  }

  /** The next 32-bit output of mt19937 (tempered), as an unsigned integer. */
  nextUint32(): number {
    if (this.#next >= N) this.#twist();
    let y = this.#state[this.#next++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) from 53 bits of two outputs (torch's `uniform_real_distribution<double>`). */
  nextDouble(): number {
    const hi = this.nextUint32();
    const lo = this.nextUint32();
    return ((hi & 0x1fffff) * TWO_POW_32 + lo) * 2 ** -53;
  }

  /** `torch.rand(1, generator=g).item()`: a float32 in [0, 1), as a double. */
  rand(): number {
    return (this.nextUint32() & 0xffffff) * 2 ** -24;
  }

  /** `torch.randn(1, generator=g).item()`: a standard normal float32 (Box-Muller), as a double. */
  randn(): number {
    if (this.#hasNormal) {
      this.#hasNormal = false;
      return Math.fround(this.#normal);
    }
    const u1 = this.nextDouble();
    const u2 = this.nextDouble();
    const r = Math.sqrt(-2 * Math.log(1 - u2));
    const theta = 2 * Math.PI * u1;
    this.#normal = r * Math.sin(theta);
    this.#hasNormal = true;
    return Math.fround(r * Math.cos(theta));
  }

  /** The next 624 words, in place (word i from words i, i + 1 and i + 397, indices mod 624). */
  #twist(): void {
    const state = this.#state;
    for (let i = 0; i < N; i++) {
      const next = i + 1 < N ? i + 1 : 0;
      const far = i + M < N ? i + M : i + M - N;
      const y = (state[i]! & UPPER) | (state[next]! & LOWER);
      state[i] = state[far]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.#next = 0;
  }
}
