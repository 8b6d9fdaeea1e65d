// Bounded concurrency: a build's writers, a sync's readers.

/**
 * Runs `work` over `items` with at most `limit` in flight. After a failure no item is started,
 * and the failure is thrown once the items in flight are done: a failed build must not go on
 * writing dest/ after its caller has been told it stopped (and has closed the store).
 */
export async function eachLimited<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && !failed) {
      await work(items[next++]).catch((err) => {
        failed = true;
        throw err;
      });
    }
  });
  const failure = (await Promise.allSettled(lanes)).find((lane) => lane.status === 'rejected');
  if (failure) throw failure.reason;
}
