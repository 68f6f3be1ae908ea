import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';
import { documentationFiles, samplesOf, type Sample } from '../support/doc-samples/samples.js';

/**
 * Every ```ts block of README.md and docs/*.md is a complete module importing from
 * 'ocean-dynamo' (mapped to src/ by tsconfig.docs.json): each is type-checked here as its own
 * file, so a sample that no longer matches the API fails the build; those not fenced as
 * ```ts fragment are also run (test/integration/doc-samples-run.test.ts). Signatures and
 * shell sessions are fenced as ```text or ```sh instead.
 */
const ROOT = process.cwd();
const OUT = join(ROOT, '.doc-samples');

const files = documentationFiles(ROOT);
const samples = files.flatMap((file) => samplesOf(ROOT, file));

it('finds code samples in the README and every guide', () => {
  expect(samples.length).toBeGreaterThan(10);
  expect(new Set(samples.map((s) => s.file)).size).toBeGreaterThan(3);
});

const config = ts.getParsedCommandLineOfConfigFile(
  join(ROOT, 'tsconfig.docs.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
if (!config) throw new Error('tsconfig.docs.json could not be read');
const options = config.options;

/** One compiler host for both checks: src/ and the SDK's declarations are parsed once. */
const baseHost = ts.createCompilerHost(options);
const parsed = new Map<string, ts.SourceFile | undefined>();
const host: ts.CompilerHost = {
  ...baseHost,
  getSourceFile(fileName, ...rest) {
    if (fileName.startsWith(OUT)) return baseHost.getSourceFile(fileName, ...rest);
    if (!parsed.has(fileName)) parsed.set(fileName, baseHost.getSourceFile(fileName, ...rest));
    return parsed.get(fileName);
  },
};

function typeCheck(selected: Sample[]): string[] {
  const out = join(OUT, String(process.pid));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const where = new Map<string, Sample>();
  selected.forEach((sample, index) => {
    const name = join(out, `${sample.file.replace(/\W/g, '_')}_${sample.line}_${index}.ts`);
    // `export {}` makes each sample a module, so top-level await is allowed.
    writeFileSync(name, `${sample.code}\nexport {};\n`);
    where.set(name, sample);
  });
  const program = ts.createProgram([...where.keys()], options, host);
  // Only the samples' diagnostics are reported, so only theirs are computed: checking the
  // whole of src/ (as getPreEmitDiagnostics does) would cost seconds and report nothing here.
  const problems = program
    .getSourceFiles()
    .filter((file) => where.has(file.fileName))
    .flatMap((file) => [
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
    ])
    .map((d) => {
      const sample = where.get(d.file!.fileName)!;
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${sample.file}:${sample.line + line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
  rmSync(out, { recursive: true, force: true });
  return problems;
}

it('type-checks every ts sample of the guides', () => {
  expect(typeCheck(samples.filter((s) => s.file !== 'README.md'))).toEqual([]);
}, 120_000);

it('type-checks every ts sample of the README', () => {
  expect(typeCheck(samples.filter((s) => s.file === 'README.md'))).toEqual([]);
}, 120_000);
