/** Recorded figures: `record` logs each as it lands; `printTable` prints them all at the end. */

export interface Row {
  bench: string;
  metric: string;
  unit: string;
  values: number[];
  goal?: string;
  /** Whether the median meets the goal; undefined when the figure has no goal. */
  met?: boolean;
  note?: string;
}
export const rows: Row[] = [];
export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
export function record(row: Omit<Row, 'met'> & { check?: (median: number) => boolean }) {
  const { check, ...rest } = row;
  const out: Row = { ...rest, met: check ? check(median(row.values)) : undefined };
  rows.push(out);
  const m = median(row.values);
  console.log(`  ${row.bench} · ${row.metric}: ${fmt(m)} ${row.unit}${out.met === undefined ? '' : out.met ? '  ✓' : '  ✗'}`);
}
export const fmt = (n: number) =>
  Math.abs(n) >= 100 || Number.isInteger(n) ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);

export function printTable() {
  const header = ['benchmark', 'metric', 'median', 'min', 'max', 'unit', 'n', 'goal'];
  const body = rows.map((row) => [
    row.bench,
    row.metric,
    fmt(median(row.values)),
    fmt(Math.min(...row.values)),
    fmt(Math.max(...row.values)),
    row.unit,
    String(row.values.length),
    row.goal ? `${row.goal} ${row.met ? 'met' : 'MISSED'}` : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of body) console.log(line(r));
}
