/**
 * The result union every operation returns across a process boundary.
 * Exceptions do not survive `ipcRenderer.invoke` or HTTP intact, so errors travel as data.
 */

export const errorCodes = [
  'untrusted-sender',
  'invalid-input',
  'unknown-channel',
  'not-found',
  'conflict',
  'read-only',
  'io-error',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface OpError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: OpError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** An error a service throws on purpose, carrying the code the caller should see. */
export class OpFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OpFailure';
  }
}

/** Turns anything thrown into a result; unexpected errors become `internal` with their message. */
export function failFrom(error: unknown): Result<never> {
  if (error instanceof OpFailure) return fail(error.code, error.message);
  if (error instanceof Error) return fail('internal', error.message || error.name);
  return fail('internal', String(error));
}

/** Formats zod issues as one readable line: `theme: Invalid option…; libraryPath: …`. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message)).join('; ');
}
