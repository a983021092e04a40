import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, restoreBounds } from './windowState.js';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('restoreBounds', () => {
  it('restores a window that is on a display', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 800, maximized: true };
    expect(restoreBounds(saved, [laptop, monitor])).toEqual(saved);
  });

  it('keeps the size but drops the position when the display it was on is gone', () => {
    expect(restoreBounds({ x: 1600, y: 100, width: 1200, height: 800 }, [laptop])).toEqual({ width: 1200, height: 800, maximized: false });
    expect(restoreBounds({ x: 1600, y: 100, width: 3000, height: 2000 }, [laptop])).toEqual({ width: 1440, height: 900, maximized: false });
  });

  it('falls back to the default for garbage', () => {
    for (const bad of [null, 'x', { width: 'wide' }, { width: 10, height: 10 }, { width: 1e9, height: 500 }]) {
      expect(restoreBounds(bad, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    }
  });
});
