/**
 * What every CosS3Client method shares: the config, one request context, the
 * Python-or-object argument forms, credential loading, the error contract and
 * the closed state. The methods themselves are declared in client-*.ts, one
 * file per group, each class extending the one before.
 */
import { toParams } from './args.ts';
import { CosConfig, type CosConfigOptions } from './config.ts';
import { CosContext } from './context.ts';
import { CosClientError } from './errors.ts';
import { toCosError } from './http-hooks.ts';

/** An operation: the context and the params object, returning the seed's result. */
export type Op<R> = (ctx: CosContext, params: Record<string, unknown>) => Promise<R> | R;

export abstract class CosClientBase {
  /** The settings this client was made with (read-only; secrets hidden from `JSON.stringify` and `console.log`). */
  readonly config: CosConfig;
  readonly #ctx: CosContext;
  #closed = false;

  /** `CosS3Client(CosConfig(...))`; a plain options object is turned into a CosConfig. */
  constructor(config: CosConfig | CosConfigOptions) {
    this.config = config instanceof CosConfig ? config : new CosConfig(config);
    this.#ctx = new CosContext(this.config);
  }

  /**
   * A request method: arguments to params, then (before anything else) a
   * clear failure after close(), fresh provider keys when they are due, and
   * every failure as CosClientError / CosServiceError.
   */
  protected bind<R>(name: string, order: readonly string[], op: Op<R>): (...args: unknown[]) => Promise<R> {
    return async (...args: unknown[]): Promise<R> => {
      try {
        const params = toParams(name, args, order);
        this.#checkOpen(name);
        if (!this.config.Anonymous) await this.config.loadCredentials();
        return await op(this.#ctx, params);
      } catch (error) {
        throw toCosError(error, name);
      }
    };
  }

  /**
   * A method that sends nothing (URLs, signatures): returns its string at
   * once, as the Python SDK does, and throws CosClientError synchronously.
   * It still works after close(): it uses no connection.
   */
  protected bindSync<R>(name: string, order: readonly string[], op: (ctx: CosContext, params: Record<string, unknown>) => R): (...args: unknown[]) => R {
    return (...args: unknown[]): R => {
      try {
        return op(this.#ctx, toParams(name, args, order));
      } catch (error) {
        throw toCosError(error, name);
      }
    };
  }

  #checkOpen(name: string): void {
    if (this.#closed) {
      throw new CosClientError(`${name}: this CosS3Client was closed; create a new one to send requests`, { code: 'ClientClosed' });
    }
  }

  /**
   * Closes the keep-alive connection pool. Every request method called
   * afterwards rejects with CosClientError code `ClientClosed`; URL and
   * signature helpers (`get_presigned_url`, `get_auth`...) keep working.
   */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#ctx.close();
  }
}
