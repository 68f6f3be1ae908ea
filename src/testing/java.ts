import { execFile } from 'node:child_process';

/** DynamoDB Local 3.x is built for Java 17. */
const MINIMUM_JAVA = 17;

const INSTALL_HINT =
  'Install Java 17 or newer; on Debian or Ubuntu: apt-get install -y openjdk-17-jre-headless';

/**
 * Checks that `java` on PATH is Java 17 or newer, so that a missing or old runtime fails at
 * once with an install hint instead of as an opaque early exit of DynamoDB Local.
 *
 * @internal
 */
export async function assertJava(): Promise<void> {
  const output = await javaVersionOutput();
  const major = parseJavaMajor(output);
  // An unrecognised banner (an exotic JVM) is given the benefit of the doubt.
  if (major !== undefined && major < MINIMUM_JAVA) {
    throw new Error(
      `DynamoDB Local needs Java ${MINIMUM_JAVA} or newer, ` +
        `but \`java\` on PATH is Java ${major}. ${INSTALL_HINT}`,
    );
  }
}

/**
 * The major version in `java -version` output: `"17.0.15"` → 17, `"1.8.0_292"` → 8.
 *
 * @internal
 */
export function parseJavaMajor(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

function javaVersionOutput(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('java', ['-version'], { timeout: 15_000 }, (error, stdout, stderr) => {
      if (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        const reason = missing ? '`java` was not found on PATH' : `\`java -version\` failed`;
        reject(
          new Error(
            `DynamoDB Local needs Java ${MINIMUM_JAVA} or newer, but ${reason}. ${INSTALL_HINT}`,
            {
              cause: error,
            },
          ),
        );
        return;
      }
      // The banner goes to stderr on every JVM we know of; stdout is kept just in case.
      resolve(`${stderr}\n${stdout}`);
    });
  });
}
