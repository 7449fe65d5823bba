/**
 * What an operation does, declared where it is defined. The dispatcher audits by it, and the renderer's data layer
 * decides by it what it may call on its own.
 * - `read`: changes nothing anyone could tell (it may fill a cache, or catch up on what time already decided, such as
 *   a snooze that has ended), so it may be repeated freely: a data layer may call it by itself, and again on an event.
 * - `act`: changes Linkdesk's own state or starts work (a scan, a check, opening a link, triage, a saved setting). It
 *   runs because the user asked, never again by itself. It is no admin write, so it is not audited.
 * - `write`: an admin write (to Codat, or to the profiles and their keys) or a link handed over to a customer: the
 *   dispatcher records it in the audit trail under `audit`, exactly once, whether it works or not, so no handler can
 *   forget to.
 */
import type { z } from './zod';
import type { AuditAction } from '../domain/audit';

export type Effect = 'read' | 'act' | 'write';

export type OperationSpec =
  | { input: z.ZodType; output: z.ZodType; effect: 'read' | 'act' }
  | { input: z.ZodType; output: z.ZodType; effect: 'write'; audit: AuditAction | ((input: never) => AuditAction) };

export const read = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) =>
  ({ input, output, effect: 'read' }) as const;

export const act = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) =>
  ({ input, output, effect: 'act' }) as const;

export const write = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  audit: AuditAction | ((input: z.output<I>) => AuditAction),
) => ({ input, output, effect: 'write', audit }) as const;
