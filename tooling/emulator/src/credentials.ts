/**
 * The access keys the emulator accepts. Contract only; the emulator helper
 * implements `createCredentials()` below it.
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
}
