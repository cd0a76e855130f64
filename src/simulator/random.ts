import { createHash } from 'node:crypto';

/**
 * Deterministic randomness. Every simulated value comes from a generator seeded with
 * sha256(purpose, key), so the same token always yields the same data, and each purpose (device,
 * network, velocity…) draws from its own stream: adding a field to one part of a persona does not
 * shift the values of the others.
 */

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

/** sfc32: small, fast, and good enough for plausible fake data (not for security). */
export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(purpose: string, key: string) {
    const digest = sha256(`${purpose}\u0000${key}`);
    this.#a = digest.readUInt32LE(0);
    this.#b = digest.readUInt32LE(4);
    this.#c = digest.readUInt32LE(8);
    this.#d = digest.readUInt32LE(12);
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Number in [min, max) rounded to `decimals` places. */
  float(min: number, max: number, decimals: number): number {
    const factor = 10 ** decimals;
    return Math.round((min + this.next() * (max - min)) * factor) / factor;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('cannot pick from an empty list');
    return item;
  }

  /** Picks a value with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let point = this.next() * total;
    for (const [value, weight] of entries) {
      point -= weight;
      if (point < 0) return value;
    }
    return this.pick(entries)[0];
  }

  alnum(length: number): string {
    return this.#string(ALNUM, length);
  }

  hex(length: number): string {
    return this.#string(HEX, length);
  }

  digits(length: number): string {
    return this.#string('0123456789', length);
  }

  #string(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)] ?? '';
    return out;
  }
}

/**
 * A stable number in [0, 1) for a value: fault rules with `rate` apply to the tokens whose unit is
 * below the rate, so a token is always in or always out, and the tokens hit at rate 0.3 are a
 * subset of those hit at 0.5.
 */
export function hashUnit(value: string): number {
  return sha256(`rate\u0000${value}`).readUInt32LE(0) / 4294967296;
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
