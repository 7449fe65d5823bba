/** system: the desktop around the console. Each shows the user something outside the page, so none is a read. */
import { noInput } from './common';
import { act, type OperationSpec } from './effects';
import { z } from './zod';

export const systemOperations = {
  'system.openExternal': act(
    z.object({ url: z.string().min(1).max(8192) }).strict(),
    /** `browser`: the web host's page should open it itself (its browser is the user's desktop). */
    z.object({ opened: z.literal(true), by: z.enum(['system', 'browser']), url: z.string() }),
  ),
  'system.notify': act(
    z.object({ title: z.string().min(1).max(200), body: z.string().max(1000) }).strict(),
    z.object({ shown: z.boolean() }),
  ),
  /** Shows the support log's folder in the file manager where the host can; either way, says where it is. */
  'system.openLogsFolder': act(noInput, z.object({ opened: z.boolean(), directory: z.string().nullable() })),
} satisfies Record<`system.${string}`, OperationSpec>;
