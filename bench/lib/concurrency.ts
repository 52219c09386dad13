// Small helpers the benchmarks share for driving many requests.

/** Maps items through fn with at most `concurrency` calls in flight, keeping the order. */
export async function pool<T, R>(items: T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/** A request whose body is read whole (so its time counts) and whose failure stops the run. */
export async function fetchOk(url: string, init?: RequestInit): Promise<void> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  await res.arrayBuffer();
}

/**
 * Each request's time for each query, one request at a time, the sides interleaved query by
 * query in rotating order, so that drift on a busy machine and pages one side warms weigh on
 * all of them alike. Times in ms, sorted, one array per side.
 */
export async function timeInterleaved(requests: ((q: string) => Promise<void>)[], queries: string[]): Promise<number[][]> {
  const times = requests.map(() => [] as number[]);
  for (const [i, q] of queries.entries()) {
    for (let k = 0; k < requests.length; k++) {
      const j = (i + k) % requests.length;
      const t = performance.now();
      await requests[j]!(q);
      times[j]!.push(performance.now() - t);
    }
  }
  return times.map((t) => t.sort((x, y) => x - y));
}
