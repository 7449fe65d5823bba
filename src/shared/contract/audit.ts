/** audit: the trail of writes, and whether records are waiting to be written. */
import { auditActions, auditRecordSchema } from '../domain/audit';
import { read, type OperationSpec } from './effects';
import { z } from './zod';

/** Records of actions that happened but could not be written to the audit trail yet (disk full, read-only). */
export const auditStatusSchema = z.object({
  pending: z.number().int().min(0),
  /** Why, in plain words; null when nothing is waiting. */
  problem: z.string().nullable(),
});
export type AuditStatus = z.infer<typeof auditStatusSchema>;

export const auditOperations = {
  'audit.list': read(
    z
      .object({
        action: z.enum(auditActions).optional(),
        /** Matches company id or name. */
        company: z.string().max(200).optional(),
        from: z.string().optional(),
        to: z.string().optional(),
      })
      .strict(),
    z.object({ records: z.array(auditRecordSchema), warnings: z.array(z.string()) }),
  ),
} satisfies Record<`audit.${string}`, OperationSpec>;

export const auditEvents = {
  /** Audit records started or stopped waiting to be written. */
  'audit.status': auditStatusSchema,
} satisfies Record<`audit.${string}`, z.ZodType>;
