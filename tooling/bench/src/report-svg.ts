import { advantage, formatRatio } from './stats.ts';
import type { BenchRow, MachineInfo } from './model.ts';

/** Escapes text for an SVG text node or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const WIDTH = 960;
const LABEL_WIDTH = 420;
const ROW_HEIGHT = 22;
const TOP = 56;
const BOTTOM = 40;
/** The axis spans ×1/LIMIT .. ×LIMIT on a log scale; longer bars are clipped with an arrow. */
const LIMIT = 16;

/**
 * `bench/results.svg`: one horizontal bar per row, on a log scale centred on
 * ×1 — right and green when ours is better, left and red when worse — so the
 * reader sees every comparison at a glance. Hand-written SVG, no dependency.
 */
export function renderSvg(rows: readonly BenchRow[], machine: MachineInfo): string {
  const plotLeft = LABEL_WIDTH + 10;
  const plotWidth = WIDTH - plotLeft - 70;
  const centre = plotLeft + plotWidth / 2;
  const half = plotWidth / 2;
  const height = TOP + Math.max(rows.length, 1) * ROW_HEIGHT + BOTTOM;
  const scale = (value: number): number => {
    const clamped = Math.min(Math.max(value, 1 / LIMIT), LIMIT);
    return (Math.log2(clamped) / Math.log2(LIMIT)) * half;
  };
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="20" font-size="15" font-weight="bold">yunstore vs anchors — how many times better ours is (log scale, right = ours better)</text>`,
    `<text x="10" y="38" fill="#555">${escapeXml(`${machine.date} · node ${machine.node} · ${machine.cpu} × ${machine.cores}`)}</text>`,
  ];
  // Grid lines at powers of two.
  for (let exp = -4; exp <= 4; exp++) {
    const value = 2 ** exp;
    const x = centre + scale(value);
    parts.push(
      `<line x1="${x.toFixed(1)}" y1="${TOP - 6}" x2="${x.toFixed(1)}" y2="${height - BOTTOM + 4}" stroke="${exp === 0 ? '#333' : '#ddd'}" stroke-width="${exp === 0 ? 1.5 : 1}"/>`,
      `<text x="${x.toFixed(1)}" y="${height - BOTTOM + 18}" text-anchor="middle" fill="#555">${exp < 0 ? `1/${2 ** -exp}` : `×${value}`}</text>`,
    );
  }
  rows.forEach((row, index) => {
    const y = TOP + index * ROW_HEIGHT;
    const value = advantage(row);
    const label = `${row.label} vs ${row.anchorName}`;
    parts.push(`<text x="${LABEL_WIDTH}" y="${y + 15}" text-anchor="end">${escapeXml(label.length > 68 ? `${label.slice(0, 67)}…` : label)}</text>`);
    if (!Number.isFinite(value)) {
      parts.push(`<text x="${centre + 6}" y="${y + 15}" fill="#888">n/a</text>`);
      return;
    }
    const length = scale(value);
    const x = length >= 0 ? centre : centre + length;
    const colour = value >= 1 ? '#2e9d55' : '#d0453b';
    parts.push(`<rect x="${x.toFixed(1)}" y="${y + 4}" width="${Math.max(Math.abs(length), 1).toFixed(1)}" height="${ROW_HEIGHT - 8}" fill="${colour}"/>`);
    const clipped = value > LIMIT || value < 1 / LIMIT ? ' ▸' : '';
    const textX = length >= 0 ? centre + length + 4 : centre + length - 4;
    parts.push(`<text x="${textX.toFixed(1)}" y="${y + 15}" text-anchor="${length >= 0 ? 'start' : 'end'}">${escapeXml(formatRatio(value) + clipped)}</text>`);
  });
  if (rows.length === 0) parts.push(`<text x="${centre}" y="${TOP + 15}" text-anchor="middle" fill="#888">no rows</text>`);
  parts.push('</svg>', '');
  return parts.join('\n');
}
