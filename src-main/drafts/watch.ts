/**
 * Follows changes other processes make to the library (another Copydesk, the CLI, a sync
 * client): any change under stories/ or trash/ marks the store's list stale, and listeners
 * hear about it (debounced). Where recursive watching is unavailable the list is simply
 * re-checked on every call.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { DraftStore } from './DraftStore.js';

export interface LibraryWatcher {
  close(): void;
}

export function watchLibrary(store: DraftStore, onChange: () => void = () => undefined, debounceMs = 150): LibraryWatcher {
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    store.invalidate();
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
    timer.unref();
  };
  for (const dir of [store.layout.stories, store.layout.trash]) {
    try {
      const watcher = watch(dir, { recursive: true, persistent: false }, changed);
      watcher.on('error', () => store.setAlwaysRefresh());
      watchers.push(watcher);
    } catch {
      store.setAlwaysRefresh(); // folder missing or watching unsupported: fall back to checking on every list
    }
  }
  return {
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
