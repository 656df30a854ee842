import type { CreateDialect } from '../types.ts';

// Replaced by the COS dialect; until then every request is answered 501 so nothing pretends to work.
export const createCosDialect: CreateDialect = () => async (_req, res) => {
  res.statusCode = 501;
  res.end('COS dialect not implemented yet');
};
