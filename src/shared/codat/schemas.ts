/**
 * The Codat Platform API resources Linkdesk uses, as zod schemas. Tolerant of fields we do not use
 * (Codat adds fields over time), strict about the ones we do. Shapes follow the official OpenAPI document;
 * where it is looser than reality (docs/codat-api.md §2, §3) the notes win.
 *
 * Forward-compatible where Codat may extend: a status, source type or data type Linkdesk does not know is kept as
 * Codat sent it (typed `Extensible<Known>`; `isKnown…` guards narrow it), and a record of a list that does not have
 * the shape Linkdesk needs is left out while the others are kept. Both are logged once (./anomalies).
 */
import { z } from 'zod';
import { reportUnknownValue, reportUnreadableRecord } from './anomalies';

/**
 * A value from a set Codat may extend: one Linkdesk knows, or a later one kept as it is. (`string & {}` rather
 * than `string`, so the known values still narrow and complete.)
 */
export type Extensible<Known extends string> = Known | (string & {});

/** Any string; one outside `known` is accepted and logged once per distinct resource, field and value. */
function extensibleEnum<const Known extends readonly string[]>(known: Known, resource: string, field: string) {
  const values: ReadonlySet<string> = new Set(known);
  return z.string().refine((value) => {
    if (!values.has(value)) reportUnknownValue(resource, field, value);
    return true;
  }) as z.ZodType<Extensible<Known[number]>>;
}

const knownValue =
  <Known extends string>(known: readonly Known[]) =>
  (value: string | null | undefined): value is Known =>
    typeof value === 'string' && (known as readonly string[]).includes(value);

/** What a log line may say about a record: its id (or an integration's key), never its content. */
function recordId(record: unknown): string | null {
  if (typeof record !== 'object' || record === null) return null;
  const { id, key } = record as { id?: unknown; key?: unknown };
  return typeof id === 'string' ? id : typeof key === 'string' ? key : null;
}

function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(record)'}: ${issue.message}` : 'not readable';
}

/** The items that match `item`; the others are left out, counted, and logged once per distinct problem. */
export function readableItems<T extends z.ZodType>(
  items: readonly unknown[],
  item: T,
  resource: string,
): { readable: Array<z.output<T>>; unreadable: number } {
  const readable: Array<z.output<T>> = [];
  let unreadable = 0;
  for (const candidate of items) {
    const parsed = item.safeParse(candidate);
    if (parsed.success) readable.push(parsed.data);
    else {
      unreadable += 1;
      reportUnreadableRecord(resource, firstProblem(parsed.error), recordId(candidate));
    }
  }
  return { readable, unreadable };
}

/** A list inside a resource (a company's connections): one unreadable item is left out, not the whole resource. */
function tolerantArray<T extends z.ZodType>(item: T, resource: string) {
  return z.array(z.unknown()).transform((items) => readableItems(items, item, resource).readable);
}

/** ISO-8601; may be UTC, offset, or zone-less business-local time, with up to 7 fractional digits. */
export const dateTimeSchema = z.string().min(1);

export const sourceTypes = ['Accounting', 'Banking', 'BankFeed', 'Commerce', 'Expense', 'Other', 'Unknown'] as const;
/** The source types Linkdesk knows. */
export type SourceType = (typeof sourceTypes)[number];
export const isKnownSourceType = knownValue(sourceTypes);
/** An integration's source type as Codat sends it (also the branding cache's and the bridge's). */
export const sourceTypeSchema = extensibleEnum(sourceTypes, 'integration', 'sourceType');

export const connectionStatuses = ['PendingAuth', 'Linked', 'Unlinked', 'Deauthorized'] as const;
/** The connection statuses Linkdesk knows. */
export type ConnectionStatus = (typeof connectionStatuses)[number];
export const isKnownConnectionStatus = knownValue(connectionStatuses);
export const connectionStatusSchema = extensibleEnum(connectionStatuses, 'connection', 'status');

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
/** The pull (dataset) statuses Linkdesk knows. */
export type PullStatus = (typeof pullStatuses)[number];
export const isKnownPullStatus = knownValue(pullStatuses);
export const pullStatusSchema = extensibleEnum(pullStatuses, 'pull operation', 'status');

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
/** The data types Linkdesk knows: what it may ask Codat to refresh (answers may name others). */
export const dataTypeSchema = z.enum(dataTypes);
export type DataType = z.infer<typeof dataTypeSchema>;
export const isKnownDataType = knownValue(dataTypes);

export const dataConnectionErrorSchema = z.looseObject({
  statusCode: z.string().optional(),
  statusText: z.string().optional(),
  errorMessage: z.string().optional(),
  erroredOnUtc: dateTimeSchema.optional(),
  /** Anything but Resolved (or none) counts as still active. */
  status: extensibleEnum(['Active', 'Resolved'], 'connection error', 'status').nullable().optional(),
  resolvedOnUtc: dateTimeSchema.nullable().optional(),
});
export type DataConnectionError = z.infer<typeof dataConnectionErrorSchema>;

export const connectionSchema = z.looseObject({
  id: z.string(),
  integrationId: z.string(),
  integrationKey: z.string().optional(),
  sourceId: z.string(),
  sourceType: extensibleEnum(sourceTypes, 'connection', 'sourceType'),
  platformName: z.string(),
  linkUrl: z.string(),
  status: connectionStatusSchema,
  lastSync: dateTimeSchema.nullable().optional(),
  created: dateTimeSchema,
  dataConnectionErrors: tolerantArray(dataConnectionErrorSchema, 'connection error').nullable().optional(),
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
  dataConnections: tolerantArray(connectionSchema, 'connection').optional(),
});
export type Company = z.infer<typeof companySchema>;

const halRefSchema = z.looseObject({ href: z.string() });
export const pageLinksSchema = z.looseObject({
  self: halRefSchema,
  current: halRefSchema,
  next: halRefSchema.optional(),
  previous: halRefSchema.optional(),
});

/**
 * Codat's paging envelope. A record that does not match `item` is left out (and logged once), not the page:
 * `unreadable` counts them, so a page can say so.
 */
export function pageSchema<T extends z.ZodType>(item: T, resource: string) {
  return z
    .looseObject({
      results: z.array(z.unknown()),
      pageNumber: z.number().int(),
      pageSize: z.number().int(),
      totalResults: z.number().int(),
      _links: pageLinksSchema,
    })
    .transform((page) => {
      const { readable, unreadable } = readableItems(page.results, item, resource);
      return { ...page, results: readable, unreadable };
    });
}
export interface Page<T> {
  results: T[];
  pageNumber: number;
  pageSize: number;
  totalResults: number;
  /** Records of this page left out because Linkdesk could not read them. */
  unreadable: number;
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
  dataType: extensibleEnum(dataTypes, 'pull operation', 'dataType'),
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

/** Values may be null, and a type never synced may carry only `dataType` (docs/codat-api.md §3). */
export const dataStatusSchema = z.looseObject({
  dataType: extensibleEnum(dataTypes, 'data status', 'dataType'),
  currentStatus: extensibleEnum(pullStatuses, 'data status', 'currentStatus').optional(),
  lastSuccessfulSync: dateTimeSchema.optional(),
  latestSyncId: z.string().optional(),
  latestSuccessfulSyncId: z.string().optional(),
});
export type DataStatus = z.infer<typeof dataStatusSchema>;
/** Per data type; an entry Linkdesk cannot read is left out (and logged once), not the whole answer. */
export const dataStatusesSchema = z.record(z.string(), z.unknown()).transform((entries) => {
  const readable: Array<[string, DataStatus | null]> = [];
  for (const [dataType, entry] of Object.entries(entries)) {
    const parsed = dataStatusSchema.nullable().safeParse(entry);
    if (parsed.success) readable.push([dataType, parsed.data]);
    else reportUnreadableRecord('data status', firstProblem(parsed.error), dataType);
  }
  return Object.fromEntries(readable) as DataStatuses;
});
export type DataStatuses = Record<string, DataStatus | null>;

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
