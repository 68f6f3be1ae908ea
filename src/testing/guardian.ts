import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';

/**
 * A POSIX shell that runs the command in the background and stays its parent, so that the
 * command cannot outlive Node even when Node is SIGKILLed and no 'exit' hook runs:
 *
 * - a reader blocks on fd 5, a copy of the shell's stdin, which is a pipe from Node; when
 *   Node ends it or the kernel closes it because Node died, the reader sees EOF and signals
 *   the command (background jobs get /dev/null as stdin, hence the copy);
 * - HUP, INT and TERM sent to the shell are trapped and passed on as the same signal;
 * - the shell writes the command's pid to fd 3 so that Node can escalate to SIGKILL, and
 *   exits with the command's status once the command has exited. It waits at least once
 *   (the shell may already have reaped a command that died at once, and only `wait` still
 *   knows its status), then again while a trap interrupted the wait of a live command.
 *
 * Arguments: $1 the signal that stops the command, then the command and its arguments.
 */
const GUARDIAN_SCRIPT = `
sig=$1; shift
trap 'exit 143' HUP INT TERM
exec 5<&0
"$@" </dev/null 3>&- 5<&- &
child=$!
trap 'kill -s "$sig" "$child" 2>/dev/null' HUP INT TERM
echo "$child" >&3
exec 3>&-
{ while read -r _ <&5; do :; done; kill -s "$sig" "$child" 2>/dev/null; } &
reader=$!
exec 5<&-
wait "$child"; status=$?
while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
kill "$reader" 2>/dev/null
exit "$status"
`;

/** How the guarded command ended: an exit code, or the signal that ended the guardian. */
export interface GuardedExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** @internal */
export interface GuardedProcess {
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Settles when the guardian has exited, which it does only after the command has. */
  readonly exited: Promise<GuardedExit>;
  hasExited(): boolean;
  /** Asks the guardian to stop the command; after `graceMs` kills both outright. */
  stop(graceMs: number): Promise<GuardedExit>;
  /** Synchronous best effort for a process 'exit' hook, where nothing can be awaited. */
  signalNow(): void;
}

/**
 * Starts `command` under the guardian; `stopSignal` is what it sends the command when Node
 * asks it to stop or goes away.
 *
 * @internal
 */
export function spawnGuarded(
  command: string,
  args: readonly string[],
  stopSignal: 'TERM' | 'KILL',
): GuardedProcess {
  const child: ChildProcess = spawn(
    '/bin/sh',
    ['-c', GUARDIAN_SCRIPT, 'dynamo-local-guardian', stopSignal, command, ...args],
    { stdio: ['pipe', 'pipe', 'pipe', 'pipe'] },
  );
  let exitInfo: GuardedExit | undefined;
  const exited = new Promise<GuardedExit>((resolve) => {
    child.once('exit', (code, signal) => resolve((exitInfo = { code, signal })));
    // Spawning /bin/sh itself failed: report it as an exit so that waiters settle.
    child.once('error', () => resolve((exitInfo ??= { code: 127, signal: null })));
  });
  // Writing to a dead guardian must not crash Node with EPIPE.
  child.stdin?.on('error', () => {});
  const commandPid = readPid(child.stdio[3] as Readable | null);

  const killCommand = (pid: number | undefined) => {
    if (pid === undefined) return;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };

  return {
    stdout: child.stdout as Readable,
    stderr: child.stderr as Readable,
    exited,
    hasExited: () => exitInfo !== undefined,
    async stop(graceMs) {
      if (exitInfo) return exitInfo;
      child.stdin?.end();
      const timer = setTimeout(() => {
        killCommand(commandPid.value);
        child.kill('SIGKILL');
      }, graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
    signalNow() {
      if (exitInfo) return;
      child.kill('SIGTERM');
      if (stopSignal === 'KILL') killCommand(commandPid.value);
    },
  };
}

function readPid(stream: Readable | null): { value: number | undefined } {
  const holder: { value: number | undefined } = { value: undefined };
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    text += chunk;
    const pid = Number.parseInt(text, 10);
    if (text.includes('\n') && Number.isInteger(pid) && pid > 0) holder.value = pid;
  });
  stream?.on('error', () => {});
  return holder;
}
