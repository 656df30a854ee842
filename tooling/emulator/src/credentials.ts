import { randomBytes } from 'node:crypto';

/**
 * The access keys the emulator accepts: the contract dialects code against,
 * and `createCredentials()`, its implementation, below it.
 */
export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  /** The owner / user name this key belongs to (bucket owner ids derive from it). */
  owner: string;
  status: 'Active' | 'Inactive';
  isPrimary: boolean;
  createdAt: Date;
  /** For COS temporary credentials: the security token that must accompany this key. */
  sessionToken?: string;
}

export interface EmulatorCredentials {
  /** The key when it exists and is Active; undefined otherwise (deleted or inactive keys stop working). */
  lookup(accessKeyId: string): AccessKey | undefined;
  /** Any key, whatever its status. */
  get(accessKeyId: string): AccessKey | undefined;
  /** Creates a new random key for an owner (OOS CreateAccessKey). */
  create(owner: string, options?: { isPrimary?: boolean }): AccessKey;
  update(accessKeyId: string, patch: Partial<Pick<AccessKey, 'status' | 'isPrimary'>>): AccessKey | undefined;
  remove(accessKeyId: string): boolean;
  list(owner?: string): AccessKey[];
  /** Back to the start: exactly the initial keys, Active or as given, and nothing created since. */
  reset(): void;
}

/** A key to start with. */
export interface InitialAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  /** Default `DEFAULT_OWNER`. */
  owner?: string;
  /** COS temporary credentials: requests signed with this key must carry this token. */
  sessionToken?: string;
  /** Default 'Active'. */
  status?: 'Active' | 'Inactive';
}

/** The key every emulator accepts unless told otherwise; SDK examples and the demo use it. */
export const DEFAULT_ACCESS_KEY_ID = 'AKIDyunstoreEMULATOR';
export const DEFAULT_SECRET_ACCESS_KEY = 'yunstore-emulator-secret';
/**
 * Owner of the default key. Numeric because COS and CAM owner ids are numeric
 * account ids (`qcs::cam::uin/100000000001:uin/100000000001`); the other
 * dialects accept any string.
 */
export const DEFAULT_OWNER = '100000000001';

/**
 * The emulator's key table. With no `initial` keys it holds the default key;
 * with some, exactly those. The first key of each owner is its primary key.
 * Lists return copies, so changing them changes nothing here.
 */
export function createCredentials(initial?: readonly InitialAccessKey[], now: () => Date = () => new Date()): EmulatorCredentials {
  const keys = new Map<string, AccessKey>();
  const seed = initial ?? [{ accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY }];
  const plant = (): void => {
    keys.clear();
    for (const k of seed) {
      if (!k.accessKeyId || !k.secretAccessKey) throw new TypeError('credentials: every key needs accessKeyId and secretAccessKey');
      const owner = k.owner ?? DEFAULT_OWNER;
      const key: AccessKey = {
        accessKeyId: k.accessKeyId,
        secretAccessKey: k.secretAccessKey,
        owner,
        status: k.status ?? 'Active',
        isPrimary: ![...keys.values()].some((other) => other.owner === owner),
        createdAt: now(),
      };
      if (k.sessionToken !== undefined) key.sessionToken = k.sessionToken;
      keys.set(key.accessKeyId, key);
    }
  };
  plant();
  const copy = (k: AccessKey | undefined): AccessKey | undefined => (k ? { ...k, createdAt: new Date(k.createdAt) } : undefined);

  return {
    lookup(id) {
      const k = keys.get(id);
      return k?.status === 'Active' ? copy(k) : undefined;
    },
    get(id) {
      return copy(keys.get(id));
    },
    create(owner, options = {}) {
      let id: string;
      do id = `AKID${randomBytes(12).toString('hex').toUpperCase()}`.slice(0, 20);
      while (keys.has(id));
      const key: AccessKey = {
        accessKeyId: id,
        secretAccessKey: randomBytes(30).toString('base64'),
        owner,
        status: 'Active',
        isPrimary: options.isPrimary ?? false,
        createdAt: now(),
      };
      if (key.isPrimary) for (const k of keys.values()) if (k.owner === owner) k.isPrimary = false;
      keys.set(id, key);
      return copy(key)!;
    },
    update(id, patch) {
      const k = keys.get(id);
      if (!k) return undefined;
      if (patch.status !== undefined) k.status = patch.status;
      if (patch.isPrimary === true) for (const other of keys.values()) if (other.owner === k.owner) other.isPrimary = other === k;
      if (patch.isPrimary === false) k.isPrimary = false;
      return copy(k);
    },
    remove(id) {
      return keys.delete(id);
    },
    list(owner) {
      return [...keys.values()].filter((k) => owner === undefined || k.owner === owner).map((k) => copy(k)!);
    },
    reset: plant,
  };
}
