import { describe, expect, it } from 'vitest';
import { NosElement, parseElement, XmlParseError } from '../src/index.ts';

// The seed's own list_objects sample (with its Etag spelling fixed: the stray `</ Etag>` is not XML).
const LIST = `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://doc.nos.netease.com/2012-03-01">
    <Name>dream</Name>
    <Prefix>user</Prefix>
    <MaxKeys>2</MaxKeys>
    <NextMarker>user/yao</NextMarker>
    <IsTruncated>true</IsTruncated>
    <Contents>
            <Key>user/lin</Key>
            <LastModified>2012-01-01T12:00:00.000Z</LastModified>
            <Etag>258ef3fdfa96f00ad9f27c383fc9acce</Etag>
            <Size>143663</Size>
            <StorageClass>Standard</StorageClass>
    </Contents>
    <Contents>
            <Key>user/yao &amp; &lt;co&gt;</Key>
            <LastModified>2012-01-01T12:00:00.000Z</LastModified>
            <Etag>828ef3fdfa96f00ad9f27c383fc9ac7f</Etag>
            <Size>423983</Size>
            <StorageClass>Standard</StorageClass>
            <Owner><ID>1</ID><DisplayName>d</DisplayName></Owner>
    </Contents>
    <Empty/>
</ListBucketResult>`;

describe('NosElement (the ElementTree-like reader)', () => {
  const root = parseElement(LIST);

  it('exposes tag, text and getroot', () => {
    expect(root.tag).toBe('ListBucketResult');
    expect(root.text).toBeNull();
    expect(root.getroot()).toBe(root);
    expect(root.find('Name')?.text).toBe('dream');
  });

  it('find / findall / findtext with nested paths and namespaces ignored', () => {
    expect(root.findall('Contents')).toHaveLength(2);
    expect(root.findall('Contents/Key').map((k) => k.text)).toEqual(['user/lin', 'user/yao & <co>']);
    expect(root.findtext('{http://doc.nos.netease.com/2012-03-01}IsTruncated')).toBe('true');
    expect(root.findtext('./Contents/Size')).toBe('143663');
    expect(root.findtext('Missing')).toBeNull();
    expect(root.findtext('Missing', 'default')).toBe('default');
    expect(root.findtext('Empty')).toBe('');
    expect(root.find('Missing')).toBeNull();
    expect(root.findall('Contents/*')).toHaveLength(11);
    expect(root.findall('.//DisplayName').map((d) => d.text)).toEqual(['d']);
  });

  it('iter walks depth first, optionally by tag', () => {
    expect([...root.iter('Key')].map((k) => k.text)).toEqual(['user/lin', 'user/yao & <co>']);
    expect([...root.iter()][0]).toBe(root);
    expect([...root].map((c) => c.tag).slice(0, 3)).toEqual(['Name', 'Prefix', 'MaxKeys']);
    expect(root.length).toBe(8);
  });

  it('iterfind and itertext as in Python', () => {
    expect([...root.iterfind('Contents/Size')].map((s) => s.text)).toEqual(['143663', '423983']);
    expect([...parseElement('<a><b>x</b><c><d>y</d></c><e/></a>').itertext()]).toEqual(['x', 'y']);
  });

  it("reads the seed tables' spellings (Etag, NextMark, StorageClasss, delimiter) and the service's alike", () => {
    // The sample above uses the seed's <Etag>; the service (and the emulator) write <ETag>.
    expect(root.findtext('Contents/ETag')).toBe('258ef3fdfa96f00ad9f27c383fc9acce');
    expect(root.findtext('Contents/Etag')).toBe('258ef3fdfa96f00ad9f27c383fc9acce');
    expect(root.findtext('NextMark')).toBe('user/yao');
    expect(root.findtext('Contents/StorageClasss')).toBe('Standard');
    const service = parseElement('<ListBucketResult><Delimiter>/</Delimiter><Contents><ETag>e</ETag></Contents></ListBucketResult>');
    expect(service.findtext('Contents/Etag')).toBe('e');
    expect(service.findtext('delimiter')).toBe('/');
    expect([...service.iter('Etag')]).toHaveLength(1);
    // No other case-insensitivity: ElementTree is case-sensitive.
    expect(service.findtext('contents/etag')).toBeNull();
  });

  it('toObject / toJSON give plain objects with list elements as arrays', () => {
    const obj = root.toObject();
    expect(obj['Name']).toBe('dream');
    expect(obj['Contents']).toHaveLength(2);
    expect((obj['Contents'] as Array<Record<string, unknown>>)[1]?.['Owner']).toEqual({ ID: '1', DisplayName: 'd' });
    const single = parseElement('<DeleteResult><Deleted><Key>a</Key></Deleted></DeleteResult>');
    expect(single.toObject()).toEqual({ Deleted: [{ Key: 'a' }] });
    expect(JSON.parse(JSON.stringify(single))).toEqual({ DeleteResult: { Deleted: [{ Key: 'a' }] } });
  });

  it('repeated tags outside the known list still become arrays', () => {
    expect(parseElement('<R><X>1</X><X>2</X></R>').toObject()).toEqual({ X: ['1', '2'] });
  });

  it('refuses what is not XML with XmlParseError', () => {
    expect(() => parseElement('not xml')).toThrow(XmlParseError);
    expect(() => parseElement('<a><b></a>')).toThrow(XmlParseError);
    expect(() => parseElement('')).toThrow(XmlParseError);
    expect(() => parseElement('<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>')).toThrow(XmlParseError);
  });

  it('refuses absolute paths as Python does', () => {
    expect(() => new NosElement('a', 'x').find('/a')).toThrow(SyntaxError);
  });
});

describe('ElementTree attributes and toObject lists (issue 13)', () => {
  it('attrib / get / keys / items as ElementTree; xmlns is not an attribute', () => {
    const root = parseElement('<ListBucketResult xmlns="http://doc.nos.netease.com/2012-03-01"><Name>b</Name></ListBucketResult>');
    expect(root.attrib).toEqual({});
    expect(root.get('xmlns')).toBeNull();
    expect(root.get('missing', 'dflt')).toBe('dflt');
    const el = new NosElement('Part', null, [], { id: '7' });
    expect(el.get('id')).toBe('7');
    expect(el.keys()).toEqual(['id']);
    expect(el.items()).toEqual([['id', '7']]);
  });

  it('toObject() keeps a single Bucket a string', () => {
    const init = parseElement('<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>u</UploadId></InitiateMultipartUploadResult>');
    expect(init.toObject()).toEqual({ Bucket: 'b', Key: 'k', UploadId: 'u' });
  });
});
