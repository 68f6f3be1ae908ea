import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** The parent PID of every process on this machine (Linux /proc). */
function parentsByPid(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces and parentheses; ppid follows the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // Gone while listing.
    }
  }
  return parents;
}

/** Every process below `pid`, children first. */
export function descendantsOf(pid: number): number[] {
  const parents = parentsByPid();
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.shift() as number;
    for (const [child, parent] of parents) {
      if (parent === current && !found.includes(child)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return state.slice(state.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Resolves once none of `pids` is alive, or rejects naming those still alive. */
export async function allGone(pids: readonly number[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0) return;
    if (Date.now() > deadline) {
      const names = alive.map((pid) => {
        try {
          return `${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')}`;
        } catch {
          return String(pid);
        }
      });
      throw new Error(`still running: ${names.join('; ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** `npm run <script>` (through the npm running the tests when there is one). */
export function spawnNpm(args: string[], env: Record<string, string | undefined>): ChildProcess {
  const npm = process.env.npm_execpath;
  const full = { ...process.env, ...env };
  for (const [name, value] of Object.entries(full)) if (value === undefined) delete full[name];
  return npm && npm.endsWith('.js')
    ? spawn(process.execPath, [npm, ...args], { env: full, stdio: 'pipe' })
    : spawn('npm', args, { env: full, stdio: 'pipe' });
}

/** Resolves with the output once `pattern` appears in it. */
export function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs = 90_000,
): Promise<RegExpExecArray> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${String(pattern)} never appeared in: ${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
}
