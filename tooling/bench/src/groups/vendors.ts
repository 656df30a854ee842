/**
 * Which of our packages stands against which vendor SDK, for the rows that
 * compare whole packages (cold start, footprint, transfers).
 */
export interface Pairing {
  vendor: 'cos' | 'bos' | 'oos' | 'nos';
  ours: string;
  /** The vendor's own Node SDK a user would otherwise install. */
  anchor: string;
}

export const PAIRINGS: readonly Pairing[] = [
  { vendor: 'cos', ours: '@yunstore/cos', anchor: 'cos-nodejs-sdk-v5' },
  { vendor: 'bos', ours: '@yunstore/bos', anchor: '@baiducloud/sdk' },
  { vendor: 'oos', ours: '@yunstore/oos', anchor: '@aws-sdk/client-s3' },
  { vendor: 'nos', ours: '@yunstore/nos', anchor: 'nos-node-sdk' },
];
