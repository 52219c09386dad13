/** Runs `call`, then lets a turn of the event loop pass, collecting the rejections nobody handled meanwhile. */
export async function unhandledAround(call: () => Promise<unknown>): Promise<{ error: unknown; unhandled: unknown[] }> {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const error = await call().then(() => undefined, (err: unknown) => err);
    await new Promise((r) => setTimeout(r, 20));
    return { error, unhandled };
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
}
