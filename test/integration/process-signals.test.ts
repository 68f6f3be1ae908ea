import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allGone, descendantsOf, isAlive, spawnNpm, waitForOutput } from '../support/processes.js';

/**
 * Each documented long-running entry point, started as a user would through npm, stops
 * everything it started (the server or console, DynamoDB Local's guardian and its Java)
 * when the npm process gets a signal: checked by PID, not by port.
 */
const NO_ENDPOINT = { AWS_ENDPOINT_URL_DYNAMODB: undefined, npm_config_loglevel: undefined };

describe('npm run example:forum-api', () => {
  it.each(['SIGTERM', 'SIGHUP'] as const)(
    '%s to the npm process leaves no process behind',
    async (signal) => {
      const npm = spawnNpm(['run', 'example:forum-api'], { ...NO_ENDPOINT, PORT: '0' });
      await waitForOutput(npm, /forum service on http:\/\/127\.0\.0\.1:\d+/);
      const started = descendantsOf(npm.pid as number);
      const commands = started.map((pid) => commandLine(pid));
      expect(commands.some((c) => c.includes('examples/forum-api/server.ts'))).toBe(true);
      expect(commands.some((c) => c.startsWith('java') && c.includes('DynamoDB'))).toBe(true);
      npm.kill(signal);
      await allGone([npm.pid as number, ...started]);
    },
    120_000,
  );
});

describe('npm start (the console)', () => {
  it('SIGINT to the npm process leaves no process behind', async () => {
    const npm = spawnNpm(['start', '--silent'], NO_ENDPOINT);
    // stdin stays open: the console waits for its script.
    await waitForOutput(npm, /ocean-dynamo console on DynamoDB Local/);
    const started = descendantsOf(npm.pid as number);
    expect(started.map((pid) => commandLine(pid)).some((c) => c.startsWith('java'))).toBe(true);
    npm.kill('SIGINT');
    await allGone([npm.pid as number, ...started]);
  }, 120_000);

  it('SIGKILL of the npm process: the console notices it is orphaned and stops all', async () => {
    const npm = spawnNpm(['start', '--silent'], NO_ENDPOINT);
    await waitForOutput(npm, /ocean-dynamo console on DynamoDB Local/);
    const started = descendantsOf(npm.pid as number);
    expect(started.length).toBeGreaterThanOrEqual(3);
    npm.kill('SIGKILL');
    await allGone([npm.pid as number, ...started]);
    expect(started.filter(isAlive)).toEqual([]);
  }, 120_000);
});

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}
