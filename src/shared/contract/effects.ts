/**
 * What an operation does to the world, declared where it is defined:
 * - `read`: changes nothing;
 * - `local`: changes only this console's own settings;
 * - `write`: changes Codat or the profiles, and is recorded in the audit trail under `audit` by the dispatcher
 *   (exactly one record, success or failure), so no handler can forget to.
 */
import type { z } from './zod';
import type { AuditAction } from '../domain/audit';

export type OperationSpec =
  | { input: z.ZodType; output: z.ZodType; effect: 'read' | 'local' }
  | { input: z.ZodType; output: z.ZodType; effect: 'write'; audit: AuditAction | ((input: never) => AuditAction) };

export const read = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) =>
  ({ input, output, effect: 'read' }) as const;

export const local = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) =>
  ({ input, output, effect: 'local' }) as const;

export const write = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  audit: AuditAction | ((input: z.output<I>) => AuditAction),
) => ({ input, output, effect: 'write', audit }) as const;
