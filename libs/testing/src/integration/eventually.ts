/**
 * Calls `read` until `accept` holds for what it returns, then returns that value; after `timeoutMs` it fails,
 * naming `what` and the last value read.
 */
export async function eventually<T>(what: string, read: () => T | Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
