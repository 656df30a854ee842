import { OURS } from './ours.ts';
import { vendorClients } from './vendor.ts';
import type { BenchClient, Endpoint, Vendor } from './types.ts';

/** Builds our client or the vendor SDK's for one vendor. */
export function makeClient(vendor: Vendor, side: 'ours' | 'vendor', endpoint: Endpoint, root: string): Promise<BenchClient> {
  return side === 'ours' ? OURS[vendor](endpoint) : vendorClients(root)[vendor](endpoint);
}

/** A bucket name every vendor accepts (COS wants `<name>-<appid>`). */
export function benchBucket(vendor: Vendor, name: string): string {
  return vendor === 'cos' ? `${name}-1250000000` : name;
}
