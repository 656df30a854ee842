/**
 * One way to define a vendor client: an operation table.
 *
 * Each vendor lists its seed methods once — name, the operation that runs,
 * and (for vendors whose methods take Python's positional arguments) the
 * positional order — and a dialect that says what differs by vendor: how the
 * caller's arguments become the operation's, what runs before a request
 * (closed check, credential refresh) and how a failure becomes the vendor's
 * error class. `defineMethods` installs every entry on the client's
 * prototype under its seed name and its camelCase twin (the same function),
 * and `bindMethods` makes them survive being detached.
 *
 * Types and hover docs come from the vendor's documented method interface,
 * merged onto the class; the camelCase twins' interface is generated from it
 * with the same JSDoc (`pnpm twin-docs`).
 */

/** `put_object` → `putObject` (the type of `camelCase`). */
export type CamelCase<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;

/** `put_object` → `putObject`; a name without `_` is returned unchanged. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** One method of a client as its operation table lists it. */
export interface MethodEntry<Ctx> {
  /** What the method does once its arguments are checked: receives the client's context and what the dialect's `enter` returned. */
  // biome-ignore lint/suspicious/noExplicitAny: each operation declares its own parameter types; the documented interface types the method.
  readonly run: (ctx: Ctx, ...args: any[]) => unknown;
  /** The seed's positional parameter names in order, for dialects that accept Python's positional form. */
  readonly order?: readonly string[];
  /** More names for the same function (another SDK's spelling), beside the derived camelCase twin. */
  readonly aliases?: readonly string[];
  /**
   * Returns its result at once instead of a Promise (URL and signature
   * helpers, async generators): `ready` is skipped and a failure is thrown
   * synchronously.
   */
  readonly sync?: boolean;
}

/** An operation table: seed method name → entry. */
export type MethodTable<Ctx> = Readonly<Record<string, MethodEntry<Ctx>>>;

/** What differs by vendor around every method call. */
export interface FacadeDialect<Client, Ctx> {
  /** The per-client state the operations run with. */
  context(client: Client): Ctx;
  /**
   * The caller's arguments → the operation's arguments (after `ctx`): the
   * seed's calling convention and the checks every method shares, done once
   * here. Throws for bad input, before anything is sent. Default: unchanged.
   */
  enter?(method: string, args: unknown[], entry: MethodEntry<Ctx>): unknown[];
  /** Awaited before an asynchronous operation runs (a closed client, credentials due for refresh). */
  ready?(client: Client, method: string): void | Promise<void>;
  /** Any failure of the call → what the caller receives (the vendor's documented error class). */
  fail?(error: unknown, method: string): unknown;
}

/** Every name a table entry is installed under: the seed name, its camelCase twin (when different) and its aliases. */
export function methodNames(name: string, entry: { readonly aliases?: readonly string[] }): string[] {
  const names = [name];
  const twin = camelCase(name);
  if (twin !== name) names.push(twin);
  for (const alias of entry.aliases ?? []) if (!names.includes(alias)) names.push(alias);
  return names;
}

/**
 * The base class of a client whose methods come from an operation table:
 * `class Client extends withMethods<XMethods & XMethodsCamelCase>() {...}`,
 * or over a shared base of the vendor's own,
 * `class S3Client extends withMethods<S3Methods, typeof ClientBase>(ClientBase) {...}`.
 * At runtime it adds nothing (an empty class, or `base` itself extended);
 * its type gives instances the documented methods (hover docs included) that
 * `defineMethods` installs on the subclass. Extending it, rather than merging
 * an interface into the class, keeps the class a value in bundled `.d.ts`
 * files, namespace re-exports included.
 */
export function withMethods<Methods extends object>(): abstract new () => Methods;
export function withMethods<Methods extends object, Base extends AnyClass>(
  base: Base,
): abstract new (
  ...args: ConstructorParameters<Base>
) => InstanceType<Base> & Methods;
export function withMethods(base?: AnyClass): AnyClass {
  if (!base) return class {};
  abstract class WithMethods extends base {}
  return WithMethods;
}

// biome-ignore lint/suspicious/noExplicitAny: any constructor signature.
type AnyClass = abstract new (...args: any[]) => object;

/**
 * Installs every method of `table` on `Client.prototype`: one function per
 * entry, under each of its `methodNames` (so `client.putObject ===
 * client.put_object`), non-enumerable like class methods. The function runs
 * `enter`, then `ready` (asynchronous methods), then the operation, and hands
 * any failure to `fail`. A name the class already defines is an error: the
 * table would silently shadow it.
 */
export function defineMethods<Client extends object, Ctx>(
  // biome-ignore lint/suspicious/noExplicitAny: any constructor signature; only the prototype is used.
  Client: abstract new (...args: any[]) => Client,
  table: MethodTable<Ctx>,
  dialect: FacadeDialect<Client, Ctx>,
): void {
  const proto = Client.prototype as Record<string, unknown>;
  for (const [name, entry] of Object.entries(table)) {
    const method = entry.sync ? syncMethod(name, entry, dialect) : asyncMethod(name, entry, dialect);
    Object.defineProperty(method, 'name', { value: name });
    for (const installed of methodNames(name, entry)) {
      if (Object.hasOwn(proto, installed)) throw new TypeError(`defineMethods: ${Client.name}.${installed} is defined twice`);
      Object.defineProperty(proto, installed, { value: method, enumerable: false, writable: true, configurable: true });
    }
  }
}

function asyncMethod<Client, Ctx>(name: string, entry: MethodEntry<Ctx>, dialect: FacadeDialect<Client, Ctx>) {
  return async function (this: Client, ...args: unknown[]): Promise<unknown> {
    try {
      const input = dialect.enter ? dialect.enter(name, args, entry) : args;
      await dialect.ready?.(this, name);
      return await entry.run(dialect.context(this), ...input);
    } catch (error) {
      throw dialect.fail ? dialect.fail(error, name) : error;
    }
  };
}

function syncMethod<Client, Ctx>(name: string, entry: MethodEntry<Ctx>, dialect: FacadeDialect<Client, Ctx>) {
  return function (this: Client, ...args: unknown[]): unknown {
    try {
      const input = dialect.enter ? dialect.enter(name, args, entry) : args;
      return entry.run(dialect.context(this), ...input);
    } catch (error) {
      throw dialect.fail ? dialect.fail(error, name) : error;
    }
  };
}

/**
 * Defines every method of `instance`'s class chain (below `Object.prototype`)
 * as an own, bound, non-enumerable property, so `const f = client.put_object;
 * await f(...)` works and `inspect(client)` stays as it was. Python code passes
 * bound methods around (`f = client.head_object`), and so does JavaScript
 * (`keys.map(client.get_object)`); a method detached from its instance loses
 * `this`. Twins that are the same function stay the same bound function.
 */
export function bindMethods(instance: object): void {
  const seen = new Set<PropertyKey>();
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

/** The method an entry becomes when the dialect passes the caller's arguments through: its operation without the context. */
export type PassThroughMethod<E> = E extends { run: (ctx: never, ...args: infer A) => infer R } ? (...args: A) => R : never;

/** True when A and B are the same type (not merely assignable both ways, which optional fields would allow). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/**
 * The seed names where a documented method interface and an operation table
 * disagree: a name on one side only, or (for pass-through dialects) a
 * documented signature other than the operation's. `never` when they agree;
 * vendors assert that at compile time, so the hover docs cannot drift from
 * what runs.
 */
export type MethodTableMismatch<Documented, Table, CheckSignatures extends boolean = true> =
  | Exclude<keyof Table, keyof Documented>
  | Exclude<keyof Documented, keyof Table>
  | (CheckSignatures extends true
      ? { [K in keyof Table & keyof Documented]: Same<Documented[K], PassThroughMethod<Table[K]>> extends true ? never : K }[keyof Table & keyof Documented]
      : never);
