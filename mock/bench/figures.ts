import { writeFile } from 'node:fs/promises';

/** One measured figure; `ratio` is set on figures that compare two measurements. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  ratio?: number;
  /** The target, as text (`≥ 8`), when the figure has one. */
  target?: string;
  pass?: boolean;
}

/** A plain measured figure. */
export function measured(name: string, value: number, unit: string): Figure {
  return { name, value, unit };
}

/** A ratio figure, checked against `min` or `max` when given. */
export function ratioFigure(name: string, ratio: number, bound: { min?: number; max?: number } = {}): Figure {
  return withTarget({ name, value: ratio, unit: '×', ratio }, bound);
}

/** Attaches a target to a figure: `min` means value ≥ min, `max` means value ≤ max. */
export function withTarget(figure: Figure, bound: { min?: number; max?: number }): Figure {
  if (bound.min !== undefined)
    return { ...figure, target: `≥ ${bound.min}`, pass: figure.value >= bound.min };
  if (bound.max !== undefined)
    return { ...figure, target: `≤ ${bound.max}`, pass: figure.value <= bound.max };
  return figure;
}

function formatValue(figure: Figure): string {
  const v = figure.value;
  if (!Number.isFinite(v)) return 'n/a';
  const digits = figure.unit === '×' || Math.abs(v) < 10 ? 2 : Math.abs(v) < 100 ? 1 : 0;
  return v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Renders the figures as a fixed-width table with target and PASS/MISS columns. */
export function renderTable(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    formatValue(f),
    f.unit,
    f.target ?? '',
    f.pass === undefined ? '' : f.pass ? 'PASS' : 'MISS',
  ]);
  const header = ['figure', 'value', 'unit', 'target', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 1 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Writes the figures as a JSON array, one object per figure (the machine goes on each, for context). */
export async function writeFiguresJson(path: string, figures: Figure[], machine: object): Promise<void> {
  const round = (n: number) => (Number.isFinite(n) ? Math.round(n * 1000) / 1000 : null);
  const out = figures.map((f) => ({
    ...f,
    value: round(f.value),
    ...(f.ratio === undefined ? {} : { ratio: round(f.ratio) }),
    machine,
  }));
  await writeFile(path, `${JSON.stringify(out, null, 2)}\n`);
}

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The p-th percentile (0–100) of a list of numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
