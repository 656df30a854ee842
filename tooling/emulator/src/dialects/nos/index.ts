import type { CreateDialect } from '../types.ts';

// Replaced by the NOS dialect; until then every request is answered 501 so nothing pretends to work.
export const createNosDialect: CreateDialect = () => async (_req, res) => {
  res.statusCode = 501;
  res.end('NOS dialect not implemented yet');
};
