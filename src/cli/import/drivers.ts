/**
 * The SQL drivers and the CSV parser are optional peer dependencies: loaded only when a
 * source needs one, with an error naming the package to install when it is missing.
 */

/** Imports an optional package, or explains which one to install. */
export async function loadOptional<T>(name: string, purpose: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new Error(
        `${purpose} needs the package '${name}', which is not installed: npm install ${name}`,
        { cause: error },
      );
    }
    throw error;
  }
}
