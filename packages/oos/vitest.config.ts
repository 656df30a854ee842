import { packageTests } from '../../tooling/tsconfig/vitest.base.ts';

export default packageTests();
