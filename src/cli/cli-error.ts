/**
 * Exit codes and the one error the command line raises itself. Scripts may rely on them:
 * 0 success, 1 failure (DynamoDB unreachable, a request refused, a model file that fails to
 * load), 2 wrong usage (unknown command or option, missing argument).
 */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A mistake in the command line itself: reported in one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The command whose `--help` explains the right usage, e.g. 'tables create'. */
  readonly command: string;
  constructor(message: string, command = '') {
    super(message);
    this.command = command;
  }
}

/** The first line of an error's message, for a one-line report without a stack trace. */
export function oneLine(error: unknown): string {
  if (error instanceof Error) {
    const first = (error.message || error.name).split('\n')[0]?.trim() ?? '';
    const named =
      error.name && error.name !== 'Error' && !first.startsWith(error.name)
        ? `${error.name}: ${first}`
        : first;
    return named;
  }
  return String(error);
}
