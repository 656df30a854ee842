// @yunstore/test-utils — private: what every package's tests share.
export { startTestEmulator, EMULATOR_ACCESS_KEY_ID, EMULATOR_SECRET_ACCESS_KEY } from './emulator-harness.ts';
export { startHostileServer, writeLarge, trickle, type HostileServer, type HostileHandler, type RecordedRequest } from './hostile-server.ts';
export { startDroppingProxy, type DroppingProxy } from './dropping-proxy.ts';
export { watchUncaught, type UncaughtWatch } from './uncaught.ts';
export * from './conformance/index.ts';
