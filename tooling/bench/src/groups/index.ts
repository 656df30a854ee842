import { coldStartGroup } from './cold-start.ts';
import { footprintGroup } from './footprint.ts';
import { hashingGroup } from './hashing.ts';
import { largeObjectsGroup } from './large-objects.ts';
import { signingGroup } from './signing.ts';
import { smallObjectsGroup } from './small-objects.ts';
import type { BenchGroup } from '../model.ts';

/** Every group, in report order. */
export const GROUPS: readonly BenchGroup[] = [signingGroup, hashingGroup, smallObjectsGroup, largeObjectsGroup, coldStartGroup, footprintGroup];
