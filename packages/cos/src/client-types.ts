/**
 * The call shapes of CosS3Client methods: one params object with PascalCase
 * keys, or positional values in the Python SDK's own order followed by an
 * optional object with the remaining keyword arguments.
 */
export interface CosMethod<P, R, Pos extends unknown[]> {
  (params: P): Promise<R>;
  (...positional: Pos): Promise<R>;
}

/** The keyword arguments left after the positional ones. */
export type Kw<P, K extends keyof P> = Partial<Omit<P, K>>;
