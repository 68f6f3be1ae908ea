import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const V1 = 'test/support/cli-models/widgets-v1.ts';

describe('ocean-dynamo usage and failures', () => {
  it('fails with one line and exit code 1 when DynamoDB is unreachable', async () => {
    const result = await runCli(['tables', 'list', '--models', V1], {
      env: { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9' },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^ocean-dynamo: ConnectionNotEstablished: Could not reach DynamoDB .*\(endpoint: http:\/\/127\.0\.0\.1:9\)\n$/,
    );
  });

  it('answers wrong usage with exit code 2 and one line naming the help to read', async () => {
    const cases: [string[], string][] = [
      [['frobnicate'], "ocean-dynamo: unknown command 'frobnicate' (see 'ocean-dynamo --help')\n"],
      [
        ['tables', 'create'],
        "ocean-dynamo: create needs --models <file> (see 'ocean-dynamo tables --help')\n",
      ],
      [
        ['tables', 'list', '--colour'],
        "ocean-dynamo: Unknown option '--colour' (see 'ocean-dynamo tables --help')\n",
      ],
      [
        ['local', '--port', '99999'],
        "ocean-dynamo: --port must be a whole number from 0 to 65535, not 99999 (see 'ocean-dynamo local --help')\n",
      ],
      [
        ['tables', 'list', '--endpoint', 'notaurl'],
        "ocean-dynamo: --endpoint is not a URL: 'notaurl' (expected e.g. http://localhost:8000) (see 'ocean-dynamo tables --help')\n",
      ],
      [
        ['console', '--endpoint', 'ftp://localhost:8000'],
        "ocean-dynamo: --endpoint is not a URL: 'ftp://localhost:8000' (expected e.g. http://localhost:8000) (see 'ocean-dynamo console --help')\n",
      ],
      [
        ['local', '--port', 'high'],
        "ocean-dynamo: --port must be a whole number, not 'high' (see 'ocean-dynamo local --help')\n",
      ],
      [
        ['tables', 'plan', '--models', 'missing.ts'],
        "ocean-dynamo: model file not found: missing.ts (see 'ocean-dynamo tables --help')\n",
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args)));
    results.forEach((result, i) => {
      expect(result.stderr).toBe(cases[i]?.[1]);
      expect(result.code).toBe(2);
    });
  });

  it('prints help for every command with exit code 0', async () => {
    const results = await Promise.all(
      [['--help'], ['console', '--help'], ['local', '--help'], ['tables', '--help']].map((args) =>
        runCli(args),
      ),
    );
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(results[0]?.stdout).toMatch(/^Usage: ocean-dynamo <command>/);
    expect(results[1]?.stdout).toMatch(/^Usage: ocean-dynamo console/);
    expect(results[2]?.stdout).toMatch(/^Usage: ocean-dynamo local/);
    expect(results[3]?.stdout).toContain('--allow-drop');
    for (const result of results) expect(result.stdout).toContain('Exit codes');
  });
});

describe('the ocean-dynamo bin', () => {
  it('runs from a clone with nothing built: bin/ocean-dynamo.js runs the source', async () => {
    const { spawnSync } = await import('node:child_process');
    const { readFileSync } = await import('node:fs');
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      bin: Record<string, string>;
      files: string[];
    };
    expect(manifest.bin['ocean-dynamo']).toBe('./bin/ocean-dynamo.js');
    expect(manifest.files).toContain('bin');
    const result = spawnSync(process.execPath, ['bin/ocean-dynamo.js', '--help'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: ocean-dynamo <command> \[options\]/);
    expect(result.stderr).toBe('');
  });

  it('an invalid AWS_ENDPOINT_URL_DYNAMODB is a usage error naming the variable', async () => {
    const result = await runCli(['tables', 'list'], {
      env: { AWS_ENDPOINT_URL_DYNAMODB: 'localhost:8000' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^ocean-dynamo: AWS_ENDPOINT_URL_DYNAMODB is not a URL: 'localhost:8000'/,
    );
  });
});
