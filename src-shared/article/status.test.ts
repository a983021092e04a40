import { describe, expect, it } from 'vitest';
import { canMoveStatus } from './status.js';

describe('status workflow', () => {
  it('moves forward one step at a time', () => {
    expect(canMoveStatus('draft', 'ready')).toBe(true);
    expect(canMoveStatus('ready', 'editing')).toBe(true);
    expect(canMoveStatus('editing', 'approved')).toBe(true);
    expect(canMoveStatus('approved', 'filed')).toBe(true);
    expect(canMoveStatus('draft', 'approved')).toBe(false);
    expect(canMoveStatus('draft', 'filed')).toBe(false);
    expect(canMoveStatus('ready', 'filed')).toBe(false);
  });

  it('goes back to any earlier step, never to itself', () => {
    expect(canMoveStatus('filed', 'editing')).toBe(true);
    expect(canMoveStatus('approved', 'draft')).toBe(true);
    expect(canMoveStatus('editing', 'ready')).toBe(true);
    expect(canMoveStatus('draft', 'draft')).toBe(false);
  });
});
