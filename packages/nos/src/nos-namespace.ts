/**
 * The Python module layout, `nos.Client`, `nos.exceptions.NotFoundError`,
 * `nos.transport.Transport`: re-exported from the package as the namespace
 * `nos`, so every name works both as a value (`new nos.Client(...)`,
 * `e instanceof nos.exceptions.NotFoundError`) and as a type
 * (`let client: nos.Client`, `(e as nos.exceptions.ServiceException).status_code`).
 */
export { Client, type ClientOptions } from './client.ts';
export * as exceptions from './errors.ts';
export * as transport from './nos-transport.ts';
