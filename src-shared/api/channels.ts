/**
 * Channel names alone, without schemas, so the sandboxed preload can list them without
 * bundling zod. `contract.ts` must declare exactly these (checked at compile time there).
 */
export const channelNames = [
  'app:info',
  'app:takePendingOpens',
  'app:closeReady',
  'settings:get',
  'settings:set',
  'drafts:list',
  'drafts:create',
  'drafts:get',
  'drafts:save',
  'drafts:setStatus',
  'drafts:rename',
  'drafts:duplicate',
  'drafts:trash',
  'drafts:listTrash',
  'drafts:untrash',
  'drafts:emptyTrash',
  'drafts:revisions',
  'drafts:revision',
  'drafts:restore',
  'drafts:saveVersion',
  'drafts:recover',
  'drafts:pack',
  'drafts:unpack',
  'drafts:check',
] as const;
export type ChannelName = (typeof channelNames)[number];

/** Main → renderer notifications (no payload beyond a short string). */
export const MENU_COMMAND_EVENT = 'menu:command';
export const PENDING_OPENS_EVENT = 'app:pending-opens';
/** The window is about to close: save what is unsaved, then call `app:closeReady`. */
export const FLUSH_BEFORE_CLOSE_EVENT = 'app:flush-before-close';

/** `settings:get` → `settingsGet`: the method name the renderer calls. */
export type MethodName<C extends string> = C extends `${infer F}:${infer V}` ? `${F}${Capitalize<V>}` : never;

export function methodName<C extends string>(channel: C): MethodName<C> {
  const [feature = '', verb = ''] = channel.split(':');
  return `${feature}${verb.charAt(0).toUpperCase()}${verb.slice(1)}` as MethodName<C>;
}
