/**
 * What every vendor facade needs the same way: methods that survive being
 * detached. Python code passes bound methods around (`f = client.head_object`),
 * and so does JavaScript (`promises.map(client.get_object)`); a class method
 * detached from its instance loses `this`.
 */

/**
 * Defines every method of `instance`'s class chain (below `Object.prototype`)
 * as an own, bound, non-enumerable property, so `const f = client.put_object;
 * await f(...)` works and `inspect(client)` stays as it was. A camelCase twin
 * that is the same function on the prototype is bound too.
 */
export function bindMethods(instance: object): void {
  const seen = new Set<PropertyKey>();
  // One bound function per method, so twins stay identical (`client.putObject === client.put_object`).
  const bound = new Map<unknown, unknown>();
  for (
    let proto = Object.getPrototypeOf(instance) as object | null;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || seen.has(name)) continue;
      seen.add(name);
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (!descriptor || typeof descriptor.value !== 'function' || Object.hasOwn(instance, name)) continue;
      const method = descriptor.value as (...args: unknown[]) => unknown;
      if (!bound.has(method)) bound.set(method, method.bind(instance));
      Object.defineProperty(instance, name, {
        value: bound.get(method),
        enumerable: false,
        writable: true,
        configurable: true,
      });
    }
  }
}
