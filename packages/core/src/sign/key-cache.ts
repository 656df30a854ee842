/**
 * Signing keys depend only on the secret and a coarse input (COS key time,
 * the V4 date/region/service, the BOS auth prefix), yet an HMAC costs more
 * than the rest of a signature. Each scheme keeps the last few keys it
 * derived, so a burst of requests derives each key once. Results are the
 * same with or without the cache: the derivations are pure.
 */
export function memoizeKey<V>(derive: (...parts: string[]) => V, size = 16): (...parts: string[]) => V {
  const cache = new Map<string, V>();
  // The last answer is checked first without building an id: a busy client asks for the same key many times in a row.
  let lastParts: string[] = [];
  let lastValue: V | undefined;
  return (...parts: string[]): V => {
    if (lastValue !== undefined && sameParts(parts, lastParts)) return lastValue;
    const id = parts.join('\u0000');
    let value = cache.get(id);
    if (value === undefined) {
      value = derive(...parts);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      cache.set(id, value);
    }
    lastParts = parts;
    lastValue = value;
    return value;
  };
}

function sameParts(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
