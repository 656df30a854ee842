import { describe, expect, it } from 'vitest';
import { buildXml, parseXml } from '../src/xml.ts';

describe('parseXml', () => {
  const list = `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><IsTruncated>false</IsTruncated><MaxKeys>1000</MaxKeys>
<Contents><Key>a &amp; b &lt;c&gt; &#20013;&#x6587;</Key><Size>0</Size><ETag>&quot;abc&quot;</ETag></Contents></ListBucketResult>`;

  it('keeps values as strings and decodes the predefined entities', () => {
    const doc = parseXml(list, { arrays: ['ListBucketResult.Contents'] });
    const result = doc['ListBucketResult'] as Record<string, unknown>;
    expect(result['IsTruncated']).toBe('false');
    expect(result['MaxKeys']).toBe('1000');
    expect(result['Contents']).toEqual([{ Key: 'a & b <c> 中文', Size: '0', ETag: '"abc"' }]);
  });
  it('forces listed paths to arrays, leaves others alone', () => {
    const doc = parseXml(list);
    expect(Array.isArray((doc['ListBucketResult'] as Record<string, unknown>)['Contents'])).toBe(false);
  });
  it('keeps whitespace inside values (keys may have spaces)', () => {
    expect(parseXml('<A><Key> x </Key></A>')).toEqual({ A: { Key: ' x ' } });
  });
  it('refuses DOCTYPE (no entity expansion)', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><a>&lol;</a>';
    expect(() => parseXml(bomb)).toThrow(/DOCTYPE/);
  });
  it('reports malformed XML', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(/malformed XML/);
  });
  it('accepts bytes', () => {
    expect(parseXml(Buffer.from('<a>1</a>'))).toEqual({ a: '1' });
  });
});

describe('buildXml', () => {
  it('builds repeated elements from arrays and escapes text', () => {
    const xml = buildXml('Delete', { Quiet: true, Object: [{ Key: 'a&b' }, { Key: '<c>' }], Skip: undefined });
    expect(xml).toBe('<Delete><Quiet>true</Quiet><Object><Key>a&amp;b</Key></Object><Object><Key>&lt;c&gt;</Key></Object></Delete>');
  });
  it('adds a declaration on request and round-trips', () => {
    const xml = buildXml('CompleteMultipartUpload', { Part: [{ PartNumber: 1, ETag: '"e1"' }] }, { declaration: true });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(parseXml(xml, { arrays: ['CompleteMultipartUpload.Part'] })).toEqual({
      CompleteMultipartUpload: { Part: [{ PartNumber: '1', ETag: '"e1"' }] },
    });
  });
});

describe('buildXml attributes', () => {
  it('writes `@_` keys as escaped attributes of their element, namespaces included', () => {
    const xml = buildXml('AccessControlPolicy', {
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      Grant: [{ Grantee: { '@_xsi:type': 'CanonicalUser', ID: 'a&<b' }, Permission: 'READ' }],
    });
    expect(xml).toBe(
      '<AccessControlPolicy xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Grant><Grantee xsi:type="CanonicalUser"><ID>a&amp;&lt;b</ID></Grantee><Permission>READ</Permission></Grant></AccessControlPolicy>',
    );
    expect(buildXml('Delete', { '@_xmlns': 'http://example.com/"q"', Quiet: 'true' })).toBe(
      '<Delete xmlns="http://example.com/&quot;q&quot;"><Quiet>true</Quiet></Delete>',
    );
  });
});
