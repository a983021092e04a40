/**
 * The one way a request reaches a handler, whatever the host: check who is asking, parse the
 * payload with the contract's schema, run the handler, and return the result union. Nothing
 * thrown escapes. Pure (no Electron import) so it is unit-tested directly.
 */
import { contract, type Channel, type Handlers } from '../../src-shared/api/contract.js';
import { describeIssues, fail, failFrom, ok, type Result } from '../../src-shared/api/result.js';
import { isAppUrl } from '../app/navigation.js';

export type Dispatch = (channel: string, raw: unknown, trusted: boolean) => Promise<Result<unknown>>;

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}

/** The parts of Electron's `WebFrameMain` the trust decision reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** Only the top-level document of our own app:// origin may call; never an iframe, never null. */
export function isTrustedFrame(frame: SenderFrame | null | undefined): boolean {
  return frame != null && frame.parent === null && isAppUrl(frame.url);
}

export function createDispatch(handlers: Handlers): Dispatch {
  return async (channel, raw, trusted) => {
    if (!trusted) return fail('untrusted-sender', `Refused ${channel}: the request did not come from the Copydesk UI.`);
    if (!isChannel(channel)) return fail('unknown-channel', `No such operation: ${channel}`);
    const parsed = contract[channel].input.safeParse(raw);
    if (!parsed.success) return fail('invalid-input', `${channel}: ${describeIssues(parsed.error.issues)}`);
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (error) {
      return failFrom(error);
    }
  };
}
