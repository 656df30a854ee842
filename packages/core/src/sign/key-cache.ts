/**
 * Signing keys depend only on the secret and a coarse input (COS key time,
 * the V4 date/region/service, the BOS auth prefix), yet an HMAC costs more
 * than the rest of a signature. Each scheme keeps the last few keys it
 * derived, so a burst of requests derives each key once. Results are the
 * same with or without the cache: the derivations are pure.
 */
export function memoizeKey<V>(derive: (...parts: string[]) => V, size = 16): (...parts: string[]) => V {
  const cache = new Map<string, V>();
  return (...parts: string[]): V => {
    const id = parts.join('\u0000');
    const hit = cache.get(id);
    if (hit !== undefined) return hit;
    const value = derive(...parts);
    if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    cache.set(id, value);
    return value;
  };
}

/**
 * Date headers have one-second resolution, so formatting the same second
 * twice is wasted work on a busy client: the last answer is kept.
 */
export function memoizePerSecond(format: (now: Date) => string): (now: Date) => string {
  let second = Number.NaN;
  let text = '';
  return (now: Date): string => {
    const s = Math.floor(now.getTime() / 1000);
    if (s !== second) {
      text = format(now);
      second = s;
    }
    return text;
  };
}
