/**
 * Key ordering. The clouds sort keys by their UTF-8 bytes; JavaScript's `<`
 * compares UTF-16 code units, which disagrees for characters above U+FFFF
 * (surrogate pairs) versus U+E000..U+FFFF. UTF-8 byte order equals code point
 * order, so we compare code points without encoding anything.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Moves surrogates above U+E000..U+FFFF so code units sort as code points. */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
