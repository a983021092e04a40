/**
 * Window size and position are remembered between launches. A saved position is used only
 * if it is still mostly on a connected display (a laptop undocked from its monitor must not
 * open its window off-screen).
 */
import { z } from 'zod';

export const WindowBounds = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
});
export type WindowBounds = z.infer<typeof WindowBounds>;

export const WindowState = WindowBounds.extend({ maximized: z.boolean().default(false) });
export type WindowState = z.infer<typeof WindowState>;

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The bounds to open with: the saved ones if at least half the window is on some display's work area. */
export function restoreBounds(saved: unknown, workAreas: readonly Rect[]): WindowState {
  const parsed = WindowState.safeParse(saved);
  if (!parsed.success) return { ...DEFAULT_SIZE, maximized: false };
  const state = parsed.data;
  if (state.x === undefined || state.y === undefined) return { width: state.width, height: state.height, maximized: state.maximized };
  const rect = { x: state.x, y: state.y, width: state.width, height: state.height };
  const visible = workAreas.reduce((sum, area) => sum + overlap(rect, area), 0);
  if (visible * 2 >= rect.width * rect.height) return state;
  const primary = workAreas[0];
  return {
    width: Math.min(state.width, primary?.width ?? state.width),
    height: Math.min(state.height, primary?.height ?? state.height),
    maximized: state.maximized,
  };
}
