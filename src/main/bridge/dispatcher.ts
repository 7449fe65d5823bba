/**
 * The single gate between an untrusted renderer and main's services: check the caller, validate the input, run the
 * handler, validate the output, redact the answer, and always answer a Result. It follows each operation's effect
 * in the contract: a `write` is recorded in the audit trail here, exactly once, whether it worked or not; a `read`
 * or an `act` is not.
 */
import type { z } from 'zod';
import {
  auditActionOf,
  isOperationName,
  operationNames,
  operations,
  type OperationName,
  type OperationOutput,
  type ParsedInput,
  type WriteOperationName,
} from '@shared/contract';
import type { AuditAction, AuditRecord } from '@shared/domain/audit';
import { BridgeFailure, type BridgeError, type Result } from '@shared/result';
import { redactDeep } from '../security/redaction';

/** Who is calling: for IPC the URL of the sending frame (null when Electron no longer knows it). */
export interface Caller {
  frameUrl: string | null;
}

export type Handler<N extends OperationName> = (
  input: ParsedInput<N>,
) => Promise<OperationOutput<N>> | OperationOutput<N>;

export type AuditTarget = AuditRecord['target'];

/** What the audit record of a write says beyond its action and result. */
export interface AuditNote<O> {
  /** Names and ids, from what main knows before the write (asking Codat nothing). */
  target: AuditTarget;
  /** What the answer adds once the write worked: an id Codat assigned, a few words of detail. */
  after?(output: O): { target?: AuditTarget; detail?: string };
}

export interface WriteHandler<N extends OperationName> {
  /** Read before the write runs; a failure here never stops the write (the record then carries the ids only). */
  audit(input: ParsedInput<N>): Promise<AuditNote<OperationOutput<N>>> | AuditNote<OperationOutput<N>>;
  run: Handler<N>;
}

export type Handlers = {
  [N in OperationName]: N extends WriteOperationName ? WriteHandler<N> : Handler<N>;
};

/** Where the dispatcher records writes (the audit log, with the profile and user filled in). */
export interface Auditor {
  record(entry: { action: AuditAction; target: AuditTarget; detail?: string; result: AuditRecord['result'] }): void;
}

export interface DispatcherOptions {
  isTrustedCaller(caller: Caller): boolean;
  /** Records every write; required, so that no host can forget the audit trail. */
  auditor: Auditor;
  /** Scrubs secrets from any text that leaves main: every error message, and every string of every answer. */
  redact?(text: string): string;
  /** The same over a whole answer; derived from `redact` when absent (a redactor can skip the walk when it knows no secret). */
  redactValue?<T>(value: T): T;
  /** Told about unexpected errors (for the log); never shown to the renderer in full. */
  onUnexpectedError?(operation: string, error: unknown): void;
}

export type Dispatch = (operation: string, rawInput: unknown, caller: Caller) => Promise<Result<unknown>>;

const unexpected = (operation: string): BridgeError => ({
  code: 'internal',
  message: `Linkdesk hit an unexpected problem while running ${operation}.`,
});

export function createDispatcher(handlers: Handlers, options: DispatcherOptions): Dispatch {
  // The types demand it already; a host that casts its way past them must not get a write that skips the audit trail.
  for (const name of operationNames) {
    const { effect } = operations[name];
    const givesAuditNote = typeof handlers[name] === 'object';
    if (givesAuditNote !== (effect === 'write')) {
      throw new TypeError(
        effect === 'write'
          ? `${name} is a write: its handler must give its audit note as well as run it.`
          : `${name} is a${effect === 'act' ? 'n' : ''} ${effect}: its handler is a function, with no audit note.`,
      );
    }
  }

  /** Runs a read or an act as it is; runs a write between its audit note and its record. */
  async function run(operation: OperationName, input: unknown): Promise<unknown> {
    const action = auditActionOf(operation, input as ParsedInput<OperationName>);
    if (action === null) return (handlers[operation] as Handler<OperationName>)(input as never);
    const entry = handlers[operation] as WriteHandler<OperationName>;
    let note: AuditNote<unknown> = { target: {} };
    try {
      note = await entry.audit(input as never);
    } catch {
      // Names are a courtesy: the write goes ahead, its record carries what the input says.
    }
    let value: unknown;
    try {
      value = await entry.run(input as never);
    } catch (error) {
      const failed = error instanceof BridgeFailure ? error.error : unexpected(operation);
      options.auditor.record({
        action,
        target: note.target,
        result: {
          ok: false,
          code: failed.code,
          message: failed.message,
          ...(failed.status !== undefined ? { status: failed.status } : {}),
          ...(failed.correlationId ? { correlationId: failed.correlationId } : {}),
        },
      });
      throw error;
    }
    const after = note.after?.(value) ?? {};
    options.auditor.record({
      action,
      target: { ...note.target, ...after.target },
      ...(after.detail ? { detail: after.detail } : {}),
      result: { ok: true },
    });
    return value;
  }

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
      value = await run(operation, input.data);
    } catch (error) {
      if (error instanceof BridgeFailure) return failure(error.error);
      options.onUnexpectedError?.(operation, error);
      return failure(unexpected(operation));
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
