/**
 * The newsroom workflow: draft → ready (for edit) → editing → approved → filed. A story moves
 * forward one step at a time and can be sent back to any earlier step (an editor returning
 * copy to the reporter, a filed story reopened).
 */
import { storyStatuses, type StoryStatus } from './schema.js';

export function canMoveStatus(from: StoryStatus, to: StoryStatus): boolean {
  const a = storyStatuses.indexOf(from);
  const b = storyStatuses.indexOf(to);
  return b === a + 1 || b < a;
}
