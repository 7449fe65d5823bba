import { z } from 'zod';

/** Every way a bridge call can fail. The renderer switches on `code`; `message` is for people. */
export const bridgeErrorCodes = [
  'codat',
  /** Codat answered, but not in a shape we can read (malformed JSON, missing fields). */
  'bad_response',
  'network',
  'timeout',
  'rate_limited',
  'not_configured',
  'conflict',
  'invalid_input',
  'forbidden',
  /** Superseded by a newer request (a search the user kept typing past); the renderer ignores it. */
  'cancelled',
  'internal',
] as const;
export type BridgeErrorCode = (typeof bridgeErrorCodes)[number];

export const bridgeErrorSchema = z.object({
  code: z.enum(bridgeErrorCodes),
  message: z.string(),
  status: z.number().int().optional(),
  correlationId: z.string().optional(),
  retryAfterMs: z.number().nonnegative().optional(),
  /** Field-level messages, e.g. from zod or from Codat's `validation` block. */
  details: z.array(z.string()).optional(),
});
export type BridgeError = z.infer<typeof bridgeErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: BridgeError): Result<never> => ({ ok: false, error });

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: bridgeErrorSchema }),
  ]);
}

/**
 * Thrown by services to fail a bridge call with a specific, user-facing error.
 * The dispatcher turns it into `{ ok: false, error }`; anything else thrown becomes `internal`.
 */
export class BridgeFailure extends Error {
  readonly error: BridgeError;
  constructor(error: BridgeError) {
    super(error.message);
    this.name = 'BridgeFailure';
    this.error = error;
  }
}
