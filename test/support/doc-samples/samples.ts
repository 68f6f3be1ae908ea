import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One ```ts block of a Markdown file. */
export interface Sample {
  file: string;
  /** The line of the block's first code line. */
  line: number;
  code: string;
  /** Fenced as ```ts fragment: type-checked, not run (a piece of a larger program). */
  fragment: boolean;
}

/** README.md and every docs/*.md, so a new guide is picked up without listing it. */
export function documentationFiles(root: string): string[] {
  return [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => `docs/${f}`),
  ];
}

/** The ```ts blocks of one file, in order. */
export function samplesOf(root: string, file: string): Sample[] {
  const text = readFileSync(join(root, file), 'utf8');
  const samples: Sample[] = [];
  for (const match of text.matchAll(/^```ts([^\n]*)\n([\s\S]*?)^```/gm)) {
    const line = text.slice(0, match.index).split('\n').length + 1;
    const info = (match[1] ?? '').trim().split(/\s+/);
    samples.push({ file, line, code: match[2] ?? '', fragment: info.includes('fragment') });
  }
  return samples;
}
