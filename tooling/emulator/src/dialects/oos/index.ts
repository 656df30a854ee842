import type { CreateDialect } from '../types.ts';

// Replaced by the OOS dialect; until then every request is answered 501 so nothing pretends to work.
export const createOosDialect: CreateDialect = () => async (_req, res) => {
  res.statusCode = 501;
  res.end('OOS dialect not implemented yet');
};
