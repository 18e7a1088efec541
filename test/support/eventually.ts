/**
 * Waits until `check` stops throwing (or the time runs out, then rethrows its last error). For
 * asserting on state that a background loop writes right after an observable event.
 */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 5_000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}
