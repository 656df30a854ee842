import { bindMethods, defineMethods, withMethods } from '@yunstore/core';
import { CosConfig, type CosConfigOptions } from './config.ts';
import { CosContext } from './context.ts';
import { cosDialect } from './facade-dialect.ts';
import { COS_METHODS } from './method-table.ts';
import type { CosMethods } from './methods.ts';
import type { CosMethodsCamelCase } from './methods-camel.ts';

/**
 * `CosS3Client(config)`: every method of the COS Python SDK v5 under its
 * Python name and its camelCase name (the same function). Each takes one
 * params object (`{Bucket, Key, ...}`, plus `signal` to abort) or the Python
 * positional order; request methods return a Promise of the dict the seed
 * documents, URL and signature helpers return their string at once.
 * Bad arguments reject with CosClientError before any request is sent; COS
 * errors reject with CosServiceError. Methods are bound to their client, so
 * `const head = client.head_object` works.
 */
export class CosS3Client extends withMethods<CosMethods & CosMethodsCamelCase>() {
  /** The settings this client was made with (read-only; secrets hidden from `JSON.stringify` and `console.log`). */
  readonly config: CosConfig;
  readonly #ctx: CosContext;

  /** `CosS3Client(CosConfig(...))`; a plain options object is turned into a CosConfig. */
  constructor(config: CosConfig | CosConfigOptions) {
    super();
    this.config = config instanceof CosConfig ? config : new CosConfig(config);
    this.#ctx = new CosContext(this.config);
    bindMethods(this);
  }

  /**
   * Closes the keep-alive connection pool. Every request method called
   * afterwards rejects with CosClientError code `ClientClosed`; URL and
   * signature helpers (`get_presigned_url`, `get_auth`...) keep working.
   */
  async close(): Promise<void> {
    await this.#ctx.close();
  }

  static {
    defineMethods(
      CosS3Client,
      COS_METHODS,
      cosDialect((client: CosS3Client) => client.#ctx),
    );
  }
}
