/**
 * Where the window may go. The renderer is served from `app://copydesk/`; it may navigate only
 * within that origin. Anything else is denied in-app; a plain https link may be handed to the
 * OS browser after the URL parser agrees it is one.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'copydesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for URLs of our own app origin. (WHATWG gives custom schemes an opaque "null" origin, so compare parts.) */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username;
}

/** An address safe to give the OS browser: https, a real host, no credentials, nothing odd. */
export function externalUrl(url: string): string | null {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'https:' || !parsed.hostname) return null;
  if (parsed.username || parsed.password) return null;
  return parsed.href;
}

export type NavigationDecision = { action: 'allow' } | { action: 'deny' } | { action: 'open-external'; url: string };

export function decideNavigation(url: string): NavigationDecision {
  if (isAppUrl(url)) return { action: 'allow' };
  const external = externalUrl(url);
  return external ? { action: 'open-external', url: external } : { action: 'deny' };
}
