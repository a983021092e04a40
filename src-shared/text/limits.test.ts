import { describe, expect, it } from 'vitest';
import { lengthStatus } from './limits.js';

describe('lengthStatus', () => {
  it('has no state and no remainder without a limit', () => {
    expect(lengthStatus(0, null)).toEqual({ state: 'none', remaining: null });
    expect(lengthStatus(5000, null)).toEqual({ state: 'none', remaining: null });
  });

  it('is near within the last 10% of the limit, near at the limit, over above it', () => {
    expect(lengthStatus(0, 100)).toEqual({ state: 'ok', remaining: 100 });
    expect(lengthStatus(89, 100)).toEqual({ state: 'ok', remaining: 11 });
    expect(lengthStatus(90, 100)).toEqual({ state: 'near', remaining: 10 });
    expect(lengthStatus(99, 100)).toEqual({ state: 'near', remaining: 1 });
    expect(lengthStatus(100, 100)).toEqual({ state: 'near', remaining: 0 });
    expect(lengthStatus(101, 100)).toEqual({ state: 'over', remaining: -1 });
    expect(lengthStatus(150, 100)).toEqual({ state: 'over', remaining: -50 });
  });

  it('takes 10% literally when it is not a whole number (limit 25: within 2.5)', () => {
    expect(lengthStatus(22, 25)).toEqual({ state: 'ok', remaining: 3 });
    expect(lengthStatus(23, 25)).toEqual({ state: 'near', remaining: 2 });
  });

  it('is near within at least 1 for short limits', () => {
    // A 5-character limit: 10% is 0.5, so the margin is 1.
    expect(lengthStatus(3, 5)).toEqual({ state: 'ok', remaining: 2 });
    expect(lengthStatus(4, 5)).toEqual({ state: 'near', remaining: 1 });
    expect(lengthStatus(5, 5)).toEqual({ state: 'near', remaining: 0 });
    expect(lengthStatus(6, 5)).toEqual({ state: 'over', remaining: -1 });
    expect(lengthStatus(0, 1)).toEqual({ state: 'near', remaining: 1 });
  });

  it('treats a limit of 0 like any other limit', () => {
    expect(lengthStatus(0, 0)).toEqual({ state: 'near', remaining: 0 });
    expect(lengthStatus(1, 0)).toEqual({ state: 'over', remaining: -1 });
  });

  it('rejects counts and limits that are not non-negative numbers', () => {
    expect(() => lengthStatus(-1, 10)).toThrow(RangeError);
    expect(() => lengthStatus(Number.NaN, 10)).toThrow(RangeError);
    expect(() => lengthStatus(1, -1)).toThrow(RangeError);
    expect(() => lengthStatus(1, Number.NaN)).toThrow(RangeError);
    expect(() => lengthStatus(1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
