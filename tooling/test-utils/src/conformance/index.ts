import { emulatorSuite } from './emulator-suite.ts';
import { hostileSuite } from './hostile-suite.ts';
import type { ConformanceTarget } from './target.ts';

export type { ConformanceClientOptions, ConformanceTarget } from './target.ts';
export { WIRE, type Dialect, type DialectWire } from './wire.ts';

/** Registers the whole conformance suite (emulator round trips and the error contract) for one vendor. */
export function describeConformance<C>(target: ConformanceTarget<C>): void {
  emulatorSuite(target);
  hostileSuite(target);
}

export { emulatorSuite, hostileSuite };
