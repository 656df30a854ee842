import { describe, expect, it } from 'vitest';
import { groupSelected, matchesOnly, parseArgs, reproduceCommand } from '../src/args.ts';

describe('bench args', () => {
  it('parses --quick, repeated and comma-separated --only, --out', () => {
    expect(parseArgs(['--quick', '--only', 'signing.cos,hashing', '--only=cold.*', '--out', '/tmp/x'])).toEqual({
      quick: true,
      only: ['signing.cos', 'hashing', 'cold.*'],
      out: '/tmp/x',
      child: undefined,
      help: false,
    });
  });
  it('hands everything after --child to the child task', () => {
    expect(parseArgs(['--child', 'large', '{"a":1}']).child).toEqual(['large', '{"a":1}']);
  });
  it('rejects unknown flags and missing values by name', () => {
    expect(() => parseArgs(['--fast'])).toThrow(/unknown argument "--fast"/);
    expect(() => parseArgs(['--only'])).toThrow(/--only needs a value/);
  });
  it('--only matches a row, its group, or a glob', () => {
    expect(matchesOnly([], 'signing.cos')).toBe(true);
    expect(matchesOnly(['signing'], 'signing.cos')).toBe(true);
    expect(matchesOnly(['signing.cos'], 'signing.cos')).toBe(true);
    expect(matchesOnly(['signing.cos'], 'signing.cosmos')).toBe(false);
    expect(matchesOnly(['*.nos'], 'small.nos')).toBe(true);
    expect(matchesOnly(['*.nos'], 'small.cos')).toBe(false);
    expect(groupSelected(['*.nos'], 'small')).toBe(true);
    expect(groupSelected(['signing.cos'], 'hashing')).toBe(false);
  });
  it('reproduce commands keep --quick', () => {
    expect(reproduceCommand('signing.cos', false)).toBe('pnpm bench --only signing.cos');
    expect(reproduceCommand('large.cos.upload', true)).toBe('pnpm bench --quick --only large.cos.upload');
  });
});
