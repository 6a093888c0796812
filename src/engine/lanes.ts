/** Runs `worker` on `concurrency` parallel lanes until it returns false. */
export async function lanes(concurrency: number, worker: () => Promise<boolean>): Promise<void> {
  const lane = async () => {
    while (await worker()) {
      /* keep going */
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
}

/** Runs `tasks` at most `concurrency` at a time; results in the tasks' order. */
export async function inParallel<T>(
  tasks: readonly (() => Promise<T>)[],
  concurrency: number,
): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await lanes(concurrency, async () => {
    if (next >= tasks.length) return false;
    const i = next++;
    results[i] = await tasks[i]!();
    return true;
  });
  return results;
}
