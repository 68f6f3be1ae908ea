import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from '../support/import-graph.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'imports-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

describe('the import picture of src/', () => {
  it('has no cycle among value imports', () => {
    expect(importCycles(importGraph('src'))).toEqual([]);
  });

  it('finds a cycle through folders, and counts an import whose names are all types', () => {
    const root = tree({
      'a.ts': "import { b } from './dynamo/b.js';\nexport const a = b;\n",
      'dynamo/b.ts': "import { type C } from '../c.js';\nexport const b = 1;\n",
      'c.ts': "export type C = 1;\nexport { a } from './a.js';\n",
    });
    expect(importCycles(importGraph(root))).toEqual([['a.ts', 'dynamo/b.ts', 'c.ts', 'a.ts']]);
  });

  it('leaves out import type and export type', () => {
    const root = tree({
      'a.ts': "import type { B } from './b.js';\nexport type A = B;\n",
      'b.ts': "export type { A } from './a.js';\nexport type B = 1;\n",
    });
    expect(importCycles(importGraph(root))).toEqual([]);
  });
});
