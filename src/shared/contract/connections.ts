/** connections: a company's link to one platform. */
import { connectionSchema } from '../codat/schemas';
import { codatId, connectionRef } from './common';
import { read, write, type OperationSpec } from './effects';
import { z } from './zod';

export const connectionOperations = {
  'connections.create': write(
    z.object({ companyId: codatId, platformKey: z.string().regex(/^[a-z]{4}$/) }).strict(),
    connectionSchema,
    'connection.create',
  ),
  'connections.get': read(connectionRef, connectionSchema),
  /** Revokes access (PATCH status Unlinked): no new syncs; data already synced stays; the customer can re-link. */
  'connections.unlink': write(connectionRef, connectionSchema, 'connection.unlink'),
  /** Irreversible: revokes and ends access to data already synced. */
  'connections.delete': write(connectionRef, z.object({ deleted: z.literal(true) }), 'connection.delete'),
} satisfies Record<`connections.${string}`, OperationSpec>;
