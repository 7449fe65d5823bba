/** data: what Codat has synced, and asking it to sync again. */
import { dataStatusesSchema, dataTypeSchema, pullOperationSchema, readValidationResultSchema } from '../codat/schemas';
import { codatId, companyRef } from './common';
import { read, write, type OperationSpec } from './effects';
import { z } from './zod';

export const dataOperations = {
  'data.status': read(companyRef, dataStatusesSchema),
  'data.history': read(
    z
      .object({
        companyId: codatId,
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(200).default(50),
        errorsOnly: z.boolean().default(false),
      })
      .strict(),
    z.object({
      results: z.array(pullOperationSchema),
      totalResults: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
      /** Pulls of this page that Linkdesk could not read, left out of `results`. */
      unreadable: z.number().int(),
    }),
  ),
  'data.pull': read(
    z.object({ companyId: codatId, datasetId: codatId }).strict(),
    z.object({ pull: pullOperationSchema, validation: readValidationResultSchema.nullable() }),
  ),
  'data.refreshAll': write(companyRef, z.object({ queued: z.literal(true) }), 'data.refreshAll'),
  'data.refreshDataType': write(
    z.object({ companyId: codatId, dataType: dataTypeSchema, connectionId: codatId.optional() }).strict(),
    pullOperationSchema,
    'data.refreshType',
  ),
} satisfies Record<`data.${string}`, OperationSpec>;
