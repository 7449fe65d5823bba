/** companies: find, open, create, delete. */
import { companySchema } from '../codat/schemas';
import { tagFilterSchema } from '../domain/tag-filter';
import { codatId, companyRef } from './common';
import { read, write, type OperationSpec } from './effects';
import { z } from './zod';

export const companyOperations = {
  'companies.search': read(
    z
      .object({
        text: z.string().max(200),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(500).default(100),
        /** Only companies with this tag (`region=uk`); `text`, if any, narrows them by name. */
        tag: tagFilterSchema.optional(),
        /** Which search box asks: a newer search cancels only the same box's older one. */
        box: z.enum(['companies-page', 'palette']).default('companies-page'),
      })
      .strict(),
    z.object({
      results: z.array(companySchema),
      totalResults: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
      /** The text was a company ID, looked up directly. */
      byId: z.boolean(),
      /** Companies of this page that Linkdesk could not read, left out of `results`. */
      unreadable: z.number().int(),
      /** The text named a connection (its ID, or a deep link to it): the company found is the one that has it. */
      connectionId: codatId.nullable(),
      /** Nothing held the text as typed; these hold it once accents, spaces and punctuation are set aside. */
      loose: z.boolean(),
      /** Nothing matched: the closest names Linkdesk knows, closest first. */
      suggestions: z.array(companySchema),
    }),
  ),
  'companies.get': read(z.object({ companyId: codatId, fresh: z.boolean().default(false) }).strict(), companySchema),
  'companies.findByName': read(
    z.object({ name: z.string().trim().min(1).max(200) }).strict(),
    z.object({ matches: z.array(companySchema) }),
  ),
  'companies.create': write(
    z
      .object({
        customerId: z.string().trim().min(1, 'Enter the customer ID.').max(200),
        description: z.string().max(1000).optional(),
        tags: z.record(z.string().min(1).max(27), z.string().max(100)).optional(),
      })
      .strict(),
    companySchema,
    'company.create',
  ),
  /** Irreversible: the company, its connections and its cached data. */
  'companies.delete': write(companyRef, z.object({ deleted: z.literal(true) }), 'company.delete'),
} satisfies Record<`companies.${string}`, OperationSpec>;
