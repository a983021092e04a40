/** Whatever holds unsaved text registers a flush here; closing the window awaits them all. */
const flushes = new Set<() => Promise<void>>();

export function registerFlush(flush: () => Promise<void>): () => void {
  flushes.add(flush);
  return () => void flushes.delete(flush);
}

export async function flushAll(): Promise<void> {
  await Promise.allSettled([...flushes].map((flush) => flush()));
}
