/** invites: the email that hands a link over. */
import { addressProblem } from '../domain/invite';
import { codatId, noInput } from './common';
import { act, read, write, type OperationSpec } from './effects';
import { z } from './zod';

export const inviteTemplateSchema = z.object({
  subject: z.string().max(300),
  body: z.string().max(10_000),
});
export const inviteSettingsSchema = z.object({
  template: inviteTemplateSchema,
  /** Who the invite is from (the {sender} placeholder). */
  sender: z.string().max(200),
});

export const inviteOperations = {
  'invites.settings': read(noInput, inviteSettingsSchema),
  'invites.saveSettings': act(inviteSettingsSchema.strict(), inviteSettingsSchema),
  /** Records that an invite was composed (opened in the mail app or copied), and follows its link up. */
  'invites.composed': write(
    z
      .object({
        companyId: codatId,
        connectionId: codatId,
        how: z.enum(['email_app', 'copied']),
        /** Who it is addressed to, when the composer has an address (copying works without one). */
        recipient: z
          .string()
          .trim()
          .refine((value) => addressProblem(value) === null, 'Not an email address.')
          .optional(),
      })
      .strict(),
    z.object({ recorded: z.literal(true) }),
    'invite.compose',
  ),
} satisfies Record<`invites.${string}`, OperationSpec>;
