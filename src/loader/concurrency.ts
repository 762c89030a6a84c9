/**
 * Bounded parallelism for file reads. Unbounded `Promise.all` over thousands of
 * files would exhaust file descriptors (EMFILE) on large trees; one at a time
 * would leave the disk idle while we decode. A fixed pool of workers pulling
 * from a shared index gets both, and results stay in input order.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
  return results;
}
