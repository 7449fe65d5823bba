/** The audit trail's record: who did what to which company or connection, under which profile, and how it ended. */
import { z } from 'zod';

export const auditActions = [
  'company.create',
  'company.delete',
  'connection.create',
  'connection.unlink',
  'connection.delete',
  'data.refreshAll',
  'data.refreshType',
  'profile.add',
  'profile.edit',
  'profile.remove',
  'invite.compose',
  'link.fresh',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** What each action is called, on the Audit log page, in its CSV and in a connection's timeline. */
export const auditActionLabels: Record<AuditAction, string> = {
  'company.create': 'Company created',
  'company.delete': 'Company deleted',
  'connection.create': 'Connection created',
  'connection.unlink': 'Connection unlinked',
  'connection.delete': 'Connection deleted',
  'data.refreshAll': 'Refresh of all data requested',
  'data.refreshType': 'Refresh of one data type requested',
  'profile.add': 'Profile added',
  'profile.edit': 'Profile edited',
  'profile.remove': 'Profile removed',
  'invite.compose': 'Invite composed',
  'link.fresh': 'Fresh link created',
};

export const auditRecordSchema = z.object({
  id: z.string(),
  at: z.string(),
  /** The OS user running the console. */
  user: z.string(),
  profile: z.object({ name: z.string(), environment: z.string(), host: z.string() }),
  action: z.enum(auditActions),
  target: z.object({
    companyId: z.string().optional(),
    companyName: z.string().optional(),
    connectionId: z.string().optional(),
    platformName: z.string().optional(),
    dataType: z.string().optional(),
    profileName: z.string().optional(),
  }),
  /** A few words more, e.g. how an invite was handed over. */
  detail: z.string().optional(),
  result: z.union([
    z.object({ ok: z.literal(true) }),
    z.object({
      ok: z.literal(false),
      code: z.string(),
      message: z.string(),
      status: z.number().optional(),
      correlationId: z.string().optional(),
    }),
  ]),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;
