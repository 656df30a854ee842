import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bindMethods, camelCase, defineMethods, type FacadeDialect, type MethodTable, methodNames, withMethods } from '../src/index.ts';

class VendorError extends Error {
  constructor(
    message: string,
    readonly method: string,
  ) {
    super(message);
  }
}

interface Ctx {
  calls: string[];
}

class Client {
  readonly ctx: Ctx = { calls: [] };
  closed = false;
  constructor() {
    bindMethods(this);
  }
}

const table: MethodTable<Ctx> = {
  put_object: {
    order: ['Bucket', 'Key', 'Body'],
    run: async (ctx: Ctx, params: { Bucket: string; Key: string }) => {
      ctx.calls.push(`put ${params.Bucket}/${params.Key}`);
      return { ETag: '"x"' };
    },
  },
  get_object_meta_data: { aliases: ['getObjectMetadata'], run: async () => 'meta' },
  fail_object: {
    run: async () => {
      throw new Error('socket hang up');
    },
  },
  get_url: { sync: true, order: ['Key'], run: (_ctx: Ctx, params: { Key: string }) => `https://b/${params.Key}` },
  copy: { run: async () => 'copied' },
};

const dialect: FacadeDialect<Client, Ctx> = {
  context: (client) => client.ctx,
  enter(method, args, entry) {
    // Python's positional form: values in `order`, or one params object.
    if (args.length === 1 && typeof args[0] === 'object') return [args[0]];
    const params: Record<string, unknown> = {};
    (entry.order ?? []).forEach((name, i) => {
      if (args[i] !== undefined) params[name] = args[i];
    });
    if (entry.order && params[entry.order[0] as string] === undefined) throw new TypeError(`${method}: missing ${entry.order[0]}`);
    return [params];
  },
  ready(client, method) {
    if (client.closed) throw new Error(`${method}: closed`);
  },
  fail: (error, method) => new VendorError(error instanceof Error ? error.message : String(error), method),
};

defineMethods(Client, table, dialect);

// The shape a vendor declares (with JSDoc) and merges onto its class.
interface Methods {
  put_object(params: { Bucket: string; Key: string }): Promise<{ ETag: string }>;
  putObject: Methods['put_object'];
  get_object_meta_data(): Promise<string>;
  getObjectMetaData: Methods['get_object_meta_data'];
  getObjectMetadata: Methods['get_object_meta_data'];
  fail_object(): Promise<never>;
  get_url(Key: string): string;
  getUrl: Methods['get_url'];
  copy(): Promise<string>;
}
const make = (): Client & Methods => new Client() as Client & Methods;

describe('camelCase / methodNames', () => {
  it('turns seed names into their twins', () => {
    expect(camelCase('put_object')).toBe('putObject');
    expect(camelCase('get_object_meta_data')).toBe('getObjectMetaData');
    expect(camelCase('upload_part_copy')).toBe('uploadPartCopy');
    expect(camelCase('copy')).toBe('copy');
    expect(camelCase('list_objects_v2')).toBe('listObjectsV2');
  });
  it('lists the seed name, its twin and extra aliases once each', () => {
    expect(methodNames('put_object', {})).toEqual(['put_object', 'putObject']);
    expect(methodNames('copy', {})).toEqual(['copy']);
    expect(methodNames('get_object_meta_data', { aliases: ['getObjectMetadata', 'getObjectMetaData'] })).toEqual([
      'get_object_meta_data',
      'getObjectMetaData',
      'getObjectMetadata',
    ]);
  });
});

describe('defineMethods', () => {
  it('installs each entry under its seed name and its twin, the same function', async () => {
    const client = make();
    expect(client.putObject).toBe(client.put_object);
    expect(client.getObjectMetadata).toBe(client.get_object_meta_data);
    await expect(client.put_object({ Bucket: 'b', Key: 'k' })).resolves.toEqual({ ETag: '"x"' });
    await expect(client.putObject({ Bucket: 'b', Key: 'k2' })).resolves.toEqual({ ETag: '"x"' });
    expect(client.ctx.calls).toEqual(['put b/k', 'put b/k2']);
    await expect(client.copy()).resolves.toBe('copied');
  });

  it('runs the dialect: enter shapes the arguments, positional form included', async () => {
    const client = make();
    await (client.put_object as unknown as (...a: string[]) => Promise<unknown>)('b', 'positional');
    expect(client.ctx.calls).toEqual(['put b/positional']);
  });

  it('gives every failure to fail(), bad arguments and closed clients included, as a rejection', async () => {
    const client = make();
    await expect(client.fail_object()).rejects.toMatchObject({ constructor: VendorError, message: 'socket hang up', method: 'fail_object' });
    const bad = (client.put_object as unknown as () => Promise<unknown>)();
    await expect(bad).rejects.toMatchObject({ constructor: VendorError, message: 'put_object: missing Bucket' });
    client.closed = true;
    await expect(client.put_object({ Bucket: 'b', Key: 'k' })).rejects.toMatchObject({ message: 'put_object: closed' });
    expect(client.ctx.calls).toEqual([]);
  });

  it('returns sync methods at once, skips ready, and throws their failures synchronously', () => {
    const client = make();
    client.closed = true;
    expect(client.get_url('a b')).toBe('https://b/a b');
    expect(client.getUrl({ Key: 'k' } as unknown as string)).toBe('https://b/k');
    expect(() => (client.get_url as unknown as () => string)()).toThrow(VendorError);
  });

  it('keeps methods working when detached, and out of inspect output', async () => {
    const client = make();
    const { put_object, putObject } = client;
    await expect(put_object({ Bucket: 'b', Key: 'detached' })).resolves.toEqual({ ETag: '"x"' });
    expect(putObject).toBe(put_object);
    expect(await Promise.all(['x', 'y'].map((Key) => client.putObject({ Bucket: 'b', Key })))).toHaveLength(2);
    expect(inspect(client)).not.toMatch(/put_object|putObject/);
    expect(Object.keys(client)).toEqual(['ctx', 'closed']);
  });

  it('names each function after its seed method (stack traces, logs)', () => {
    expect((Client.prototype as unknown as Methods).putObject.name).toBe('put_object');
  });

  it('refuses a table that would shadow a name the class defines', () => {
    class Other {
      put_object(): string {
        return 'own';
      }
    }
    expect(() => defineMethods(Other, { put_object: { run: () => 0 } }, { context: () => ({}) })).toThrow(/Other\.put_object is defined twice/);
    expect(() => defineMethods(class Twins {}, { a_b: { run: () => 0 }, aB: { run: () => 1 } }, { context: () => ({}) })).toThrow(/aB is defined twice/);
  });
});

describe('withMethods', () => {
  it('is an empty base at runtime whose type carries the documented methods defineMethods installs', async () => {
    interface Documented {
      /** Says hello. */
      say_hello(name: string): Promise<string>;
      sayHello: Documented['say_hello'];
    }
    class Greeter extends withMethods<Documented>() {
      constructor(readonly greeting: string) {
        super();
        bindMethods(this);
      }
    }
    defineMethods(Greeter, { say_hello: { run: async (ctx: Greeter, name: string) => `${ctx.greeting} ${name}` } }, { context: (g) => g });
    const greeter = new Greeter('hi');
    const { sayHello } = greeter;
    await expect(sayHello('ann')).resolves.toBe('hi ann');
    expect(Object.getOwnPropertyNames(Object.getPrototypeOf(Greeter.prototype))).toEqual(['constructor']);
  });
});

describe('withMethods over a base class', () => {
  it('keeps the base (constructor, private state, members) and adds the documented methods', async () => {
    interface Documented {
      list_keys(): Promise<string[]>;
    }
    class Base {
      readonly #keys: string[];
      constructor(keys: string[]) {
        this.#keys = keys;
        bindMethods(this);
      }
      static keysOf(base: Base): string[] {
        return base.#keys;
      }
      close(): string {
        return 'closed';
      }
    }
    class Lister extends withMethods<Documented, typeof Base>(Base) {}
    defineMethods(Lister, { list_keys: { run: async (ctx: string[]) => [...ctx] } }, { context: (l: Lister) => Base.keysOf(l) });
    const lister = new Lister(['a', 'b']);
    const { listKeys, close } = lister as Lister & { listKeys: () => Promise<string[]> };
    await expect(listKeys()).resolves.toEqual(['a', 'b']);
    expect(close()).toBe('closed');
    expect(lister).toBeInstanceOf(Base);
  });
});
