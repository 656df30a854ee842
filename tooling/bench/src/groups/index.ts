import { coldStartGroup } from './cold-start.ts';
import { cosEncryptionGroup } from './cos-encryption.ts';
import { footprintGroup } from './footprint.ts';
import { hashingGroup } from './hashing.ts';
import { largeObjectsGroup } from './large-objects.ts';
import { signingGroup } from './signing.ts';
import { sinkLargeGroup } from './sink-large.ts';
import { sinkSmallGroup } from './sink-small.ts';
import { smallObjectsGroup } from './small-objects.ts';
import type { BenchGroup } from '../model.ts';

/** Every group, in report order. */
export const GROUPS: readonly BenchGroup[] = [
  signingGroup,
  hashingGroup,
  smallObjectsGroup,
  largeObjectsGroup,
  cosEncryptionGroup,
  sinkSmallGroup,
  sinkLargeGroup,
  coldStartGroup,
  footprintGroup,
];
