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

/** The call shapes of the methods that send nothing (URLs, signatures): the result comes back at once, not as a Promise. */
export interface CosSyncMethod<P, R, Pos extends unknown[]> {
  (params: P): R;
  (...positional: Pos): R;
}

/** The call shapes of `list_objects_iter`: an async generator to use with `for await`. */
export interface CosIterMethod<P, T, Pos extends unknown[]> {
  (params: P): AsyncGenerator<T, void, undefined>;
  (...positional: Pos): AsyncGenerator<T, void, undefined>;
}

/** Keyword arguments after a positional `Bucket`. */
export type B<P> = Kw<P, 'Bucket' & keyof P>;
/** Keyword arguments after positional `Bucket` and `Key`. */
export type BK<P> = Kw<P, ('Bucket' | 'Key') & keyof P>;
