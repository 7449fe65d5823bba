/**
 * The single gate between an untrusted renderer and main's services:
 * check the caller, validate the input, run the handler, validate the output, and always answer a Result.
 */
import type { z } from 'zod';
import {
  isOperationName,
  operations,
  type OperationName,
  type OperationOutput,
  type ParsedInput,
} from '@shared/contract';
import { BridgeFailure, type BridgeError, type Result } from '@shared/result';
import { redactDeep } from '../security/redaction';

/** Who is calling: for IPC the URL of the sending frame (null when Electron no longer knows it). */
export interface Caller {
  frameUrl: string | null;
}

export type Handlers = {
  [N in OperationName]: (input: ParsedInput<N>) => Promise<OperationOutput<N>> | OperationOutput<N>;
};

export interface DispatcherOptions {
  isTrustedCaller(caller: Caller): boolean;
  /** Scrubs secrets from any text that leaves main: every error message, and every string of every answer. */
  redact?(text: string): string;
  /** The same over a whole answer; derived from `redact` when absent (a redactor can skip the walk when it knows no secret). */
  redactValue?<T>(value: T): T;
  /** Told about unexpected errors (for the log); never shown to the renderer in full. */
  onUnexpectedError?(operation: string, error: unknown): void;
}

export type Dispatch = (operation: string, rawInput: unknown, caller: Caller) => Promise<Result<unknown>>;

export function createDispatcher(handlers: Handlers, options: DispatcherOptions): Dispatch {
  const redact = options.redact ?? ((text: string) => text);
  const redactValue = options.redactValue ?? (<T>(value: T) => redactDeep(value, redact));
  const failure = (error: BridgeError): Result<never> => ({
    ok: false,
    error: {
      ...error,
      message: redact(error.message),
      ...(error.details ? { details: error.details.map(redact) } : {}),
    },
  });

  return async (operation, rawInput, caller) => {
    if (!options.isTrustedCaller(caller)) {
      return failure({
        code: 'forbidden',
        message: `Refused ${String(operation).slice(0, 80)}: the call did not come from Linkdesk's own window.`,
      });
    }
    if (typeof operation !== 'string' || !isOperationName(operation)) {
      return failure({
        code: 'invalid_input',
        message: `Unknown operation: ${String(operation).slice(0, 80)}`,
      });
    }
    const spec = operations[operation];
    const input = spec.input.safeParse(rawInput);
    if (!input.success) {
      return failure({
        code: 'invalid_input',
        message: `The request for ${operation} was not valid.`,
        details: describeIssues(input.error),
      });
    }
    let value: unknown;
    try {
      const handler = handlers[operation] as (input: unknown) => unknown;
      value = await handler(input.data);
    } catch (error) {
      if (error instanceof BridgeFailure) return failure(error.error);
      options.onUnexpectedError?.(operation, error);
      return failure({
        code: 'internal',
        message: `Linkdesk hit an unexpected problem while running ${operation}.`,
      });
    }
    const output = (spec.output as z.ZodType).safeParse(value);
    if (!output.success) {
      options.onUnexpectedError?.(operation, output.error);
      return failure({
        code: 'internal',
        message: `Linkdesk produced an answer to ${operation} in an unexpected shape.`,
        details: describeIssues(output.error),
      });
    }
    return { ok: true, value: redactValue(output.data) };
  };
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(input)';
    return `${path}: ${issue.message}`;
  });
}

/**
 * True when `url` belongs to one of our app origins (scheme + host + port).
 * Custom schemes have an opaque `origin` in WHATWG URL, so compare the parts ourselves.
 */
export function isAppUrl(url: string | null | undefined, appOrigins: readonly string[]): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  const origin = `${parsed.protocol}//${parsed.host}`;
  return appOrigins.some((allowed) => allowed === origin);
}
