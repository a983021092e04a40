/**
 * Which zip entry names a `.cdraft` package may contain. Decided from the name alone, before
 * anything touches the disk, and strict on purpose: a package is made by Copydesk, so anything
 * outside the story-folder layout is refused rather than "cleaned up". The rules also keep every
 * accepted name creatable on Windows, macOS and Linux alike (no device names, no trailing dots,
 * no `:`), because a package made on one is opened on another.
 *
 * Pure: no Node APIs, so the rules can be property-tested in isolation.
 */

export const MANIFEST_ENTRY = 'copydesk-package.json';
export const STORY_ENTRY = 'story.json';
export const MAX_ENTRY_PATH_CHARS = 240;
export const MAX_ENTRY_SEGMENTS = 8;

export type EntryPathCheck = { ok: true; path: string } | { ok: false; reason: string };

/** Characters allowed in file names under revisions/ and photos/ (content hashes, revision names). */
const SAFE_FILE_NAME = /^[A-Za-z0-9._-]+$/;
// C0 controls (incl. NUL), DEL and C1 controls: refused in names, escaped in messages.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f]/g;
/** Characters Windows refuses in a file name (besides `\`, `/`, `:` and controls, handled earlier). */
const WINDOWS_FORBIDDEN = /[<>"|?*]/;
/** Device names: reserved on Windows with or without an extension (`con.txt`), in any case. */
const WINDOWS_DEVICE = /^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9]|CONIN\$|CONOUT\$)$/i;
const LAYOUT_HINT = 'story.json, revisions/<name>.json, photos/<name> or photos/renditions/<name>';

/** The entry name as shown in messages: quoted, control characters escaped, long names shortened. */
export function describeEntryName(name: string): string {
  const shown = name.length > 120 ? `${name.slice(0, 117)}…` : name;
  const escaped = shown.replace(CONTROL_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${escaped}"`;
}

function refuse(name: string, why: string): EntryPathCheck {
  return { ok: false, reason: `Package entry ${describeEntryName(name)} is refused: ${why}.` };
}

function windowsProblem(segment: string): string | undefined {
  if (WINDOWS_FORBIDDEN.test(segment)) return `"${segment}" contains a character that Windows does not allow in file names`;
  if (/[. ]$/.test(segment)) return `"${segment}" ends with a dot or a space, which Windows cannot create`;
  const stem = (segment.split('.')[0] ?? '').trimEnd();
  if (WINDOWS_DEVICE.test(stem)) return `"${segment}" is a device name reserved by Windows`;
  return undefined;
}

function fileNameProblem(file: string): string | undefined {
  if (!SAFE_FILE_NAME.test(file)) return `the file name "${file}" may only use the letters A-Z and a-z, digits, ".", "_" and "-"`;
  if (file.startsWith('.')) return `"${file}" is a hidden or temporary file, which packages never contain`;
  return undefined;
}

/** The story-folder layout: which folders and files may appear, and where. */
function checkLayout(name: string, segments: readonly string[], isDirectory: boolean): EntryPathCheck {
  const [first, second, third] = segments;
  const depth = segments.length;
  if (isDirectory) {
    const known =
      (depth === 1 && (first === 'photos' || first === 'revisions')) || (depth === 2 && first === 'photos' && second === 'renditions');
    return known ? { ok: true, path: name } : refuse(name, `it is a folder outside the story folder layout (${LAYOUT_HINT})`);
  }
  let file: string | undefined;
  if (depth === 1 && (first === MANIFEST_ENTRY || first === STORY_ENTRY)) return { ok: true, path: name };
  if (depth === 2 && first === 'revisions') {
    file = second;
    if (file !== undefined && !file.endsWith('.json')) return refuse(name, 'revision snapshots are .json files');
  } else if (depth === 2 && first === 'photos') {
    file = second;
    if (file?.toLowerCase() === 'renditions') return refuse(name, '"photos/renditions" is the renditions folder, not a file');
  } else if (depth === 3 && first === 'photos' && second === 'renditions') {
    file = third;
  }
  if (file === undefined) return refuse(name, `it is outside the story folder layout (${LAYOUT_HINT})`);
  const problem = fileNameProblem(file);
  return problem === undefined ? { ok: true, path: name } : refuse(name, problem);
}

/**
 * Checks one zip entry name. Accepted names are returned unchanged (they are already canonical:
 * forward slashes, no `.`/`..`/empty segments). Directory entries (`photos/`) come back with their
 * trailing `/`; callers skip them.
 */
export function checkEntryPath(name: string): EntryPathCheck {
  if (name.length === 0) return { ok: false, reason: 'Package entry with an empty name is refused.' };
  if (CONTROL.test(name)) return refuse(name, 'its name contains a NUL or control character');
  if (/^[\\/]{2}/.test(name)) return refuse(name, 'it is a network (UNC) path');
  if (/^[\\/]/.test(name)) return refuse(name, 'it is an absolute path');
  if (/^[A-Za-z]:/.test(name)) return refuse(name, 'it starts with a Windows drive letter');
  if (name.split(/[\\/]/).includes('..')) return refuse(name, 'it climbs out of the story folder with ".."');
  if (name.includes(':')) return refuse(name, 'its name contains ":" (drive letters and NTFS alternate data streams are not allowed)');
  if (name.includes('\\')) return refuse(name, 'its name contains a backslash; zip entries use "/" between folders');
  if (name.length > MAX_ENTRY_PATH_CHARS) return refuse(name, `its path is longer than ${MAX_ENTRY_PATH_CHARS} characters`);
  const isDirectory = name.endsWith('/');
  const segments = (isDirectory ? name.slice(0, -1) : name).split('/');
  if (segments.length > MAX_ENTRY_SEGMENTS) return refuse(name, `it is nested deeper than ${MAX_ENTRY_SEGMENTS} folders`);
  for (const segment of segments) {
    if (segment === '') return refuse(name, 'it has an empty path segment ("//")');
    if (segment === '.') return refuse(name, 'it has a "." path segment');
    const problem = windowsProblem(segment);
    if (problem !== undefined) return refuse(name, problem);
  }
  return checkLayout(name, segments, isDirectory);
}

/** True for accepted directory entries (`photos/`), which extraction ignores. */
export function isDirectoryEntry(path: string): boolean {
  return path.endsWith('/');
}
