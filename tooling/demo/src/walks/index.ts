import { bosWalk } from './bos.ts';
import { cosWalk } from './cos.ts';
import { nosWalk } from './nos.ts';
import { oosWalk } from './oos.ts';
import type { Walk } from './types.ts';

/** The four quick starts, in the order the demo runs them. */
export const WALKS: readonly Walk[] = [cosWalk, bosWalk, oosWalk, nosWalk];
