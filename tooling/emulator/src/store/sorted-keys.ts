import { compareKeys } from '../common/keys.ts';

/**
 * Keys of one bucket in the clouds' order (UTF-8 bytes), for listing. A
 * sorted array with binary search: inserts cost a splice, which is fine for
 * the object counts an emulator holds and keeps listing O(log n) per step.
 */
export class SortedKeys {
  readonly #keys: string[] = [];

  get size(): number {
    return this.#keys.length;
  }

  add(key: string): void {
    const i = this.#lowerBound(key);
    if (this.#keys[i] !== key) this.#keys.splice(i, 0, key);
  }

  delete(key: string): void {
    const i = this.#lowerBound(key);
    if (this.#keys[i] === key) this.#keys.splice(i, 1);
  }

  /** The first key strictly after `key` (or the first key at all), or undefined. */
  after(key: string | undefined): string | undefined {
    if (key === undefined) return this.#keys[0];
    let i = this.#lowerBound(key);
    if (this.#keys[i] === key) i++;
    return this.#keys[i];
  }

  /** The first key >= `key`. */
  atLeast(key: string): string | undefined {
    return this.#keys[this.#lowerBound(key)];
  }

  #lowerBound(key: string): number {
    let lo = 0;
    let hi = this.#keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(this.#keys[mid]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
