/**
 * Runs `task` over `inputs` with at most `concurrency` running at once; results keep input order.
 * @internal
 */
export async function mapConcurrently<I, O>(
  inputs: readonly I[],
  concurrency: number,
  task: (input: I) => Promise<O>,
): Promise<O[]> {
  const results = new Array<O>(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await task(inputs[index] as I);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, inputs.length) }, worker));
  return results;
}
