/** The results table (Markdown) and the files under bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPERATIONS, type Sample } from './measure.js';

export const BASELINE = 'raw SDK v3';

export interface ModeResult {
  title: string;
  /** Library name → median operations per second. */
  medians: Record<string, Sample>;
}

export interface MemoryResult {
  items: number;
  baselineRssMb: number;
  peakGrowthMb: number;
  finalGrowthMb: number;
  seconds: number;
}

export interface BenchResults {
  date: string;
  machine: { cpu: string; cores: number; memoryGb: number; os: string; node: string };
  settings: Record<string, unknown>;
  modes: ModeResult[];
  memory: MemoryResult | null;
}

export function machine(): BenchResults['machine'] {
  const cpu = cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown';
  return {
    cpu,
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
  };
}

/** `2026-11-25-amd-epyc-7b13-8c`: the date and a slug of the machine. */
export function resultName(results: BenchResults): string {
  const slug = results.machine.cpu
    .toLowerCase()
    .replace(/\(r\)|\(tm\)|cpu|processor|@.*$/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${results.date}-${slug}-${results.machine.cores}c`;
}

const LABELS: Partial<Record<string, string>> = {
  query: 'query 100',
  'filtered query': 'query 100, filter keeps 10',
};

const format = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** One Markdown table per mode: ops/s and the ratio to the raw SDK. */
export function markdownTable(mode: ModeResult): string {
  const libraries = [BASELINE, ...Object.keys(mode.medians).filter((name) => name !== BASELINE)];
  const raw = mode.medians[BASELINE];
  const lines = [
    `| operation | ${libraries.join(' | ')} |`,
    `|---|${libraries.map(() => '---:').join('|')}|`,
  ];
  for (const op of OPERATIONS) {
    const cells = libraries.map((name) => {
      const value = mode.medians[name]?.[op];
      if (value === undefined || Number.isNaN(value)) return '—';
      const ratio = raw ? ` (${(value / raw[op]).toFixed(2)}×)` : '';
      return `${format.format(value)}${name === BASELINE ? '' : ratio}`;
    });
    lines.push(`| ${LABELS[op] ?? op} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

export function markdownReport(results: BenchResults): string {
  const m = results.machine;
  const parts = [
    `# Benchmark ${results.date}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}, Node ${m.node}.`,
    `Settings: ${Object.entries(results.settings)
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(', ')}.`,
    '',
    'Operations per second (median of the repetitions after warm-up), and the ratio to the raw SDK measured in the same run.',
  ];
  for (const mode of results.modes) parts.push('', `## ${mode.title}`, '', markdownTable(mode));
  if (results.memory) {
    const mem = results.memory;
    parts.push(
      '',
      '## Memory',
      '',
      `findEach over ${format.format(mem.items)} items: RSS grew at most ${mem.peakGrowthMb.toFixed(1)} MB ` +
        `(${mem.finalGrowthMb.toFixed(1)} MB at the end) over a baseline of ${mem.baselineRssMb.toFixed(0)} MB, in ${mem.seconds.toFixed(1)} s.`,
    );
  }
  return `${parts.join('\n')}\n`;
}

/** Writes `bench/results/<date>-<machine>.md` and `.json`; resolves to the Markdown path (relative). */
export function writeResults(results: BenchResults): string {
  const directory = join(dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(directory, { recursive: true });
  const name = resultName(results);
  writeFileSync(join(directory, `${name}.md`), markdownReport(results));
  writeFileSync(join(directory, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
  return `bench/results/${name}.md`;
}
