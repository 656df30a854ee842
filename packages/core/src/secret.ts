/**
 * Secrets on public objects (a config's `SecretKey`, BOS credentials'
 * `secret_access_key`) stay readable and writable under their documented
 * names, but are accessor properties that are not enumerable: `inspect`,
 * `console.log`, `%o`, `JSON.stringify`, `Object.entries` and spreads do not
 * show the value (`%o` shows only `[Getter/Setter]`).
 */
const VALUES = new WeakMap<object, Map<PropertyKey, unknown>>();

/** Defines `name` on `target` as a hidden secret holding `value`. */
export function defineSecret<T extends object>(target: T, name: PropertyKey, value: unknown): void {
  let values = VALUES.get(target);
  if (!values) {
    values = new Map();
    VALUES.set(target, values);
  }
  const store = values;
  store.set(name, value);
  Object.defineProperty(target, name, {
    enumerable: false,
    configurable: true,
    get: () => store.get(name),
    set: (next: unknown) => store.set(name, next),
  });
}
