/** Pieces every CLI command shares: errors that pick the exit code, output, contract calls. */
import type { Channel, InputOf, OutputOf } from '../../src-shared/api/contract.js';
import type { Dispatch } from '../ipc/handle.js';

/** Exit 2: the command line itself is wrong. */
export class UsageError extends Error {}
/** Exit 1: the operation was tried and failed. */
export class OperationError extends Error {}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CommandContext {
  readonly args: readonly string[];
  readonly json: boolean;
  readonly io: CliIo;
  dispatch(): Promise<Dispatch>;
}

export async function call<C extends Channel>(dispatch: Dispatch, channel: C, input?: InputOf<C>): Promise<OutputOf<C>> {
  const result = await dispatch(channel, input, true);
  if (!result.ok) throw new OperationError(result.error.message);
  return result.value as OutputOf<C>;
}

export function print(io: CliIo, json: boolean, value: unknown, text: () => string): void {
  io.out(json ? JSON.stringify(value, null, 2) : text());
}
