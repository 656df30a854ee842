import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crc64, crc64Combine } from '../src/hash/crc64.ts';

interface CheckValue {
  input: string;
  bytes: number;
  decimal: string;
  hex: string;
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/cos.json', import.meta.url), 'utf8')) as {
  crc64ecma: {
    checkValues: CheckValue[];
    combineExample: { partA: string; crcA: string; partB: string; crcB: string; lenB: number; whole: string; crcWhole: string };
  };
};

/** The fixture describes two inputs in prose; everything else is the literal ASCII/UTF-8 string. */
function bytesOf(v: CheckValue): Buffer {
  if (v.input.startsWith('1 MiB of 0x61')) return Buffer.alloc(1024 * 1024, 0x61);
  const quoted = /^UTF-8 of '(.*)'$/.exec(v.input);
  return Buffer.from(quoted ? quoted[1]! : v.input, 'utf8');
}

describe('crc64 (CRC-64/XZ, COS x-cos-hash-crc64ecma) against the cos.json check values', () => {
  for (const v of fixture.crc64ecma.checkValues) {
    it(`${v.input} → ${v.decimal}`, () => {
      const data = bytesOf(v);
      expect(data.length).toBe(v.bytes);
      const value = crc64(data);
      expect(value.toString()).toBe(v.decimal);
      expect(value.toString(16).padStart(16, '0')).toBe(v.hex);
    });
  }

  it('continues from a previous value', () => {
    const ex = fixture.crc64ecma.combineExample;
    expect(crc64(Buffer.from(ex.partB), crc64(Buffer.from(ex.partA))).toString()).toBe(ex.crcWhole);
  });

  it('combines crc(A) and crc(B) into crc(A‖B)', () => {
    const ex = fixture.crc64ecma.combineExample;
    expect(crc64(Buffer.from(ex.partA)).toString()).toBe(ex.crcA);
    expect(crc64(Buffer.from(ex.partB)).toString()).toBe(ex.crcB);
    expect(crc64Combine(BigInt(ex.crcA), BigInt(ex.crcB), ex.lenB).toString()).toBe(ex.crcWhole);
  });
});
