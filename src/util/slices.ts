/**
 * Work cut into slices of the event loop: `await pause()` between items lets other callbacks
 * (other requests, /health) run once the current slice has lasted `sliceMs`; before that it
 * returns at once. A slice of 0 yields between every two items.
 */
export function timeSlices(sliceMs: number): () => Promise<void> {
  let start = performance.now();
  return async () => {
    if (performance.now() - start < sliceMs) return;
    await new Promise((r) => setImmediate(r));
    start = performance.now();
  };
}
