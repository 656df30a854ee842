import { parseXml } from '@yunstore/core';
import { describe, expect, it } from 'vitest';
import { ALL_USERS, aclXml } from '../src/dialects/cos/acl.ts';
import { listAllMyBucketsXml, listBucketResultXml } from '../src/dialects/nos/xml.ts';
import type { BucketRecord } from '../src/store/types.ts';

const bucket: BucketRecord = {
  name: 'b',
  createdAt: new Date('2024-01-02T03:04:05Z'),
  location: '',
  owner: 'o',
  acl: 'private',
  grants: [],
  config: {},
};

describe('answers built by core buildXml with attributes', () => {
  it('COS ACL: every Grantee carries xmlns:xsi and its xsi:type; values are escaped', () => {
    const xml = aclXml('1', { canned: 'public-read', grants: [{ type: 'CanonicalUser', id: 'a&<b>', permission: 'READ' }] });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><AccessControlPolicy>')).toBe(true);
    const grantees = xml.match(/<Grantee [^>]*>/g) ?? [];
    expect(grantees).toEqual([
      '<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser">',
      '<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group">',
      '<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser">',
    ]);
    expect(xml).toContain('<ID>a&amp;&lt;b&gt;</ID>');
    const parsed = parseXml(xml, { arrays: ['AccessControlPolicy.AccessControlList.Grant'] });
    const grants = (parsed['AccessControlPolicy'] as { AccessControlList: { Grant: Array<{ Grantee: { URI?: string; ID?: string } }> } }).AccessControlList
      .Grant;
    expect(grants.map((g) => g.Grantee.URI ?? g.Grantee.ID)).toEqual(['qcs::cam::uin/1:uin/1', ALL_USERS, 'a&<b>']);
  });

  it('NOS: listings carry the NOS namespace on the root, other documents none', () => {
    const listing = listBucketResultXml({
      bucket,
      prefix: '',
      marker: '',
      maxKeys: 100,
      delimiter: undefined,
      contents: [],
      commonPrefixes: ['a/'],
      isTruncated: false,
      nextMarker: undefined,
    });
    expect(listing).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><ListBucketResult xmlns="http:\/\/doc\.nos\.netease\.com\/2012-03-01"><Name>b<\/Name>/);
    expect(listing).toContain('<CommonPrefixes><Prefix>a/</Prefix></CommonPrefixes>');
    expect(listAllMyBucketsXml('o', [bucket])).toContain('<ListAllMyBucketsResult><Owner>');
  });
});
