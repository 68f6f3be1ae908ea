#!/usr/bin/env node
// The `ocean-dynamo` command. In a clone of the repository (src/ present, tsx installed as a
// dev dependency) it runs the TypeScript source, so `npx ocean-dynamo` works right after
// `npm install` with nothing built; an installed package runs its compiled dist/.
import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const source = new URL('../src/cli/main.ts', import.meta.url);
const built = new URL('../dist/cli/main.js', import.meta.url);

async function tsxRegister() {
  try {
    return (await import('tsx/esm/api')).register;
  } catch {
    return undefined;
  }
}

const register = existsSync(source) ? await tsxRegister() : undefined;
if (register) {
  register();
  await import(source.href);
} else if (existsSync(built)) {
  await import(built.href);
} else {
  process.stderr.write(
    'ocean-dynamo: neither dist/ nor a runnable src/ was found: run `npm install` (which installs tsx) or `npm run build`\n',
  );
  process.exit(1);
}
