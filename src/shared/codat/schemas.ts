/**
 * The Codat Platform API resources Linkdesk uses, as zod schemas. Tolerant of fields we do not use
 * (Codat adds fields over time), strict about the ones we do. Shapes follow the official OpenAPI document;
 * where it is looser than reality (API-NOTES §2, §3) the notes win.
 */
import { z } from 'zod';

/** ISO-8601; may be UTC, offset, or zone-less business-local time, with up to 7 fractional digits. */
export const dateTimeSchema = z.string().min(1);

export const sourceTypes = ['Accounting', 'Banking', 'BankFeed', 'Commerce', 'Expense', 'Other', 'Unknown'] as const;
export const sourceTypeSchema = z.enum(sourceTypes);
export type SourceType = z.infer<typeof sourceTypeSchema>;

export const connectionStatuses = ['PendingAuth', 'Linked', 'Unlinked', 'Deauthorized'] as const;
export const connectionStatusSchema = z.enum(connectionStatuses);
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;

export const pullStatuses = [
  'Initial',
  'Queued',
  'Fetching',
  'MapQueued',
  'Mapping',
  'Complete',
  'FetchError',
  'MapError',
  'InternalError',
  'ProcessingQueued',
  'Processing',
  'ProcessingError',
  'ValidationQueued',
  'Validating',
  'ValidationError',
  'AuthError',
  'Cancelled',
  'NotSupported',
  'RateLimitError',
  'PermissionsError',
  'PrerequisiteNotMet',
] as const;
export const pullStatusSchema = z.enum(pullStatuses);
export type PullStatus = z.infer<typeof pullStatusSchema>;

export const accountingDataTypes = [
  'accountTransactions',
  'balanceSheet',
  'bankAccounts',
  'bankTransactions',
  'billCreditNotes',
  'billPayments',
  'bills',
  'cashFlowStatement',
  'chartOfAccounts',
  'company',
  'creditNotes',
  'customers',
  'directCosts',
  'directIncomes',
  'invoices',
  'itemReceipts',
  'items',
  'journalEntries',
  'journals',
  'paymentMethods',
  'payments',
  'profitAndLoss',
  'purchaseOrders',
  'salesOrders',
  'suppliers',
  'taxRates',
  'trackingCategories',
  'transfers',
] as const;
export const bankingDataTypes = [
  'banking-accountBalances',
  'banking-accounts',
  'banking-transactionCategories',
  'banking-transactions',
] as const;
export const commerceDataTypes = [
  'commerce-companyInfo',
  'commerce-customers',
  'commerce-disputes',
  'commerce-locations',
  'commerce-orders',
  'commerce-paymentMethods',
  'commerce-payments',
  'commerce-productCategories',
  'commerce-products',
  'commerce-taxComponents',
  'commerce-transactions',
] as const;
export const dataTypes = [...accountingDataTypes, ...bankingDataTypes, ...commerceDataTypes] as const;
export const dataTypeSchema = z.enum(dataTypes);
export type DataType = z.infer<typeof dataTypeSchema>;

export const dataConnectionErrorSchema = z.looseObject({
  statusCode: z.string().optional(),
  statusText: z.string().optional(),
  errorMessage: z.string().optional(),
  erroredOnUtc: dateTimeSchema.optional(),
  status: z.enum(['Active', 'Resolved']).nullable().optional(),
  resolvedOnUtc: dateTimeSchema.nullable().optional(),
});
export type DataConnectionError = z.infer<typeof dataConnectionErrorSchema>;

export const connectionSchema = z.looseObject({
  id: z.string(),
  integrationId: z.string(),
  integrationKey: z.string().optional(),
  sourceId: z.string(),
  sourceType: sourceTypeSchema,
  platformName: z.string(),
  linkUrl: z.string(),
  status: connectionStatusSchema,
  lastSync: dateTimeSchema.nullable().optional(),
  created: dateTimeSchema,
  dataConnectionErrors: z.array(dataConnectionErrorSchema).nullable().optional(),
  connectionInfo: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type Connection = z.infer<typeof connectionSchema>;

export const companyTagsSchema = z.record(z.string(), z.string());

export const companySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
  redirect: z.string(),
  lastSync: dateTimeSchema.nullable().optional(),
  created: dateTimeSchema.optional(),
  createdByUserName: z.string().nullable().optional(),
  products: z.array(z.string()).optional(),
  tags: companyTagsSchema.optional(),
  dataConnections: z.array(connectionSchema).optional(),
});
export type Company = z.infer<typeof companySchema>;

const halRefSchema = z.looseObject({ href: z.string() });
export const pageLinksSchema = z.looseObject({
  self: halRefSchema,
  current: halRefSchema,
  next: halRefSchema.optional(),
  previous: halRefSchema.optional(),
});

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    results: z.array(item),
    pageNumber: z.number().int(),
    pageSize: z.number().int(),
    totalResults: z.number().int(),
    _links: pageLinksSchema,
  });
}
export interface Page<T> {
  results: T[];
  pageNumber: number;
  pageSize: number;
  totalResults: number;
  _links: z.infer<typeof pageLinksSchema>;
}

export const integrationSchema = z.looseObject({
  key: z.string(),
  logoUrl: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  sourceId: z.string().optional(),
  sourceType: sourceTypeSchema.optional(),
  integrationId: z.string().optional(),
  isOfflineConnector: z.boolean().optional(),
  isBeta: z.boolean().optional(),
  dataProvidedBy: z.string().optional(),
});
export type Integration = z.infer<typeof integrationSchema>;

const brandingImageSchema = z.looseObject({
  image: z.looseObject({ src: z.string().optional(), alt: z.string().optional() }).optional(),
});
export const brandingSchema = z.looseObject({
  logo: z.looseObject({ full: brandingImageSchema.optional(), square: brandingImageSchema.optional() }).optional(),
  button: z.looseObject({ default: brandingImageSchema.optional(), hover: brandingImageSchema.optional() }).optional(),
  sourceId: z.string().optional(),
});
export type Branding = z.infer<typeof brandingSchema>;

export const profileSchema = z.looseObject({
  name: z.string(),
  redirectUrl: z.string(),
  logoUrl: z.string().optional(),
  iconUrl: z.string().optional(),
  whiteListUrls: z.array(z.string()).optional(),
});
export type Profile = z.infer<typeof profileSchema>;

export const pullOperationSchema = z.looseObject({
  id: z.string(),
  companyId: z.string(),
  connectionId: z.string(),
  dataType: z.string(),
  status: pullStatusSchema,
  statusDescription: z.string().nullable().optional(),
  errorMessage: z.string().nullable().optional(),
  requested: dateTimeSchema,
  completed: dateTimeSchema.optional(),
  progress: z.number().int(),
  isCompleted: z.boolean(),
  isErrored: z.boolean(),
});
export type PullOperation = z.infer<typeof pullOperationSchema>;

/** Values may be null, and a type never synced may carry only `dataType` (API-NOTES §3). */
export const dataStatusSchema = z.looseObject({
  dataType: z.string(),
  currentStatus: pullStatusSchema.optional(),
  lastSuccessfulSync: dateTimeSchema.optional(),
  latestSyncId: z.string().optional(),
  latestSuccessfulSyncId: z.string().optional(),
});
export type DataStatus = z.infer<typeof dataStatusSchema>;
export const dataStatusesSchema = z.record(z.string(), dataStatusSchema.nullable());
export type DataStatuses = z.infer<typeof dataStatusesSchema>;

export const webhookConsumerSchema = z.looseObject({
  id: z.string(),
  url: z.string(),
  disabled: z.boolean().nullable().optional(),
  eventTypes: z.array(z.string()),
  companyTags: z.array(z.string()).nullable().optional(),
});
export type WebhookConsumer = z.infer<typeof webhookConsumerSchema>;

export const companyAccessTokenSchema = z.looseObject({
  expiresIn: z.number().int(),
  accessToken: z.string(),
  tokenType: z.string(),
});

export const validationItemSchema = z.looseObject({
  itemId: z.string().nullable().optional(),
  message: z.string().nullable().optional(),
  validatorName: z.string().nullable().optional(),
});
/** Codat's error body; every field optional in the spec. */
export const errorMessageSchema = z.looseObject({
  statusCode: z.number().int().optional(),
  service: z.string().optional(),
  error: z.string().optional(),
  correlationId: z.string().optional(),
  validation: z
    .looseObject({
      errors: z.array(validationItemSchema).nullable().optional(),
      warnings: z.array(validationItemSchema).nullable().optional(),
    })
    .nullable()
    .optional(),
  canBeRetried: z.string().optional(),
  detailedErrorCode: z.number().int().optional(),
});
export type ErrorMessage = z.infer<typeof errorMessageSchema>;

/** One finding of Codat's validation of a synced dataset (`GET …/sync/{datasetId}/validation`). */
const readValidationItemSchema = z.looseObject({
  ruleId: z.string().optional(),
  itemId: z.string().optional(),
  message: z.string().optional(),
  validatorName: z.string().optional(),
});
export const readValidationResultSchema = z.looseObject({
  errors: z.array(readValidationItemSchema).optional(),
  warnings: z.array(readValidationItemSchema).optional(),
});
