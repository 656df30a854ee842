import type { CreateDialect } from '../types.ts';

// Replaced by the BOS dialect; until then every request is answered 501 so nothing pretends to work.
export const createBosDialect: CreateDialect = () => async (_req, res) => {
  res.statusCode = 501;
  res.end('BOS dialect not implemented yet');
};
