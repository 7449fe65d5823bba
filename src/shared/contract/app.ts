/** app: what main says about itself, and what it asks of the pages (menu commands, deep links). */
import { pageIds } from '../pages';
import { codatId, noInput } from './common';
import { auditStatusSchema } from './audit';
import { read, type OperationSpec } from './effects';
import { environmentSchema, secretStorageSchema } from './profiles';
import { z } from './zod';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  host: z.enum(['electron', 'web']),
  activeProfile: z.object({ id: z.string(), name: z.string(), environment: environmentSchema }).nullable(),
  secretStorage: secretStorageSchema,
  /** Things the user must be told once, e.g. a settings file that was moved aside. */
  notices: z.array(z.string()),
  audit: auditStatusSchema,
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appOperations = {
  'app.info': read(noInput, appInfoSchema),
} satisfies Record<`app.${string}`, OperationSpec>;

export const appEvents = {
  /** A menu item or global shortcut asks the renderer to do something. */
  'ui.command': z.discriminatedUnion('command', [
    z.object({ command: z.literal('focusSearch') }),
    z.object({ command: z.literal('openPalette') }),
    z.object({ command: z.literal('navigate'), page: z.enum(pageIds) }),
  ]),
  /** A deep link (linkdesk://company/…) asks to open a company, and perhaps point at one of its connections. */
  'app.navigate': z.object({ companyId: codatId, connectionId: codatId.optional() }).strict(),
} satisfies Record<`${'ui' | 'app'}.${string}`, z.ZodType>;
