import { signingGroup } from './signing.ts';
import type { BenchGroup } from '../model.ts';

/** Every group, in report order. */
export const GROUPS: readonly BenchGroup[] = [signingGroup];
