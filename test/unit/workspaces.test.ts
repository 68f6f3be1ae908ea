import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The benchmark and the example service are npm workspaces: each manifest declares the
 * packages its code imports, and the library's own devDependencies keep a package that a
 * workspace declares only when the library's source, tests or docs import it too.
 */
interface Manifest {
  workspaces?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const ROOT = process.cwd();
const root = manifestOf(ROOT);

function manifestOf(directory: string): Manifest {
  return JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as Manifest;
}

function declared(manifest: Manifest): Set<string> {
  return new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.devDependencies ?? {}),
  ]);
}

function filesUnder(directory: string, endings: string[]): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (name === 'node_modules' || name === 'results') return [];
    if (statSync(path).isDirectory()) return filesUnder(path, endings);
    return endings.some((ending) => name.endsWith(ending)) ? [path] : [];
  });
}

/** The packages a file imports by name: `@scope/name` or `name`, without node: builtins. */
function packagesImportedBy(files: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*)'([^'.][^']*)'/g)) {
      const specifier = match[1] as string;
      if (specifier.startsWith('node:')) continue;
      const parts = specifier.split('/');
      names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string));
    }
  }
  return names;
}

describe('npm workspaces', () => {
  it('the benchmark and the example service are the workspaces', () => {
    expect(root.workspaces).toEqual(['bench', 'examples/forum-api']);
  });

  it.each(root.workspaces ?? [])('%s declares every package its code imports', (workspace) => {
    const imported = packagesImportedBy(filesUnder(join(ROOT, workspace), ['.ts']));
    expect(imported.size).toBeGreaterThan(0);
    const own = declared(manifestOf(join(ROOT, workspace)));
    expect([...imported].filter((name) => !own.has(name))).toEqual([]);
  });

  it("the library's devDependencies hold a workspace's package only when the library uses it", () => {
    const library = packagesImportedBy([
      ...filesUnder(join(ROOT, 'src'), ['.ts']),
      ...filesUnder(join(ROOT, 'test'), ['.ts']),
      ...filesUnder(join(ROOT, 'docs'), ['.md']),
      join(ROOT, 'README.md'),
    ]);
    const workspaceOnly = (root.workspaces ?? [])
      .flatMap((workspace) => [...declared(manifestOf(join(ROOT, workspace)))])
      .filter((name) => !library.has(name));
    expect(workspaceOnly).toEqual(expect.arrayContaining(['dynamoose', 'electrodb', 'fastify']));
    const devDependencies = Object.keys(root.devDependencies ?? {});
    expect(devDependencies.filter((name) => workspaceOnly.includes(name))).toEqual([]);
  });
});
