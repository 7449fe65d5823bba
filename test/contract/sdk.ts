/**
 * Parses a response body with the official Codat SDK's own inbound zod schemas (`@codat/platform`), i.e. asks "would
 * the SDK a Codat customer uses accept what the sandbox answered?". This complements the OpenAPI harness: the SDK is
 * generated from the same spec but not identically (see the notes in openapi-harness.test.ts), and it is the stricter of
 * the two in places (for example it does not accept `null` where the spec puts `nullable: true` beside a `$ref`).
 *
 * The table below mirrors what each SDK function does (`node_modules/@codat/platform/funcs/*.js`, the
 * `M.match(M.json(status, shared.X$inboundSchema) | M.nil(status), M.jsonErr([...], errors.ErrorMessage...))` call);
 * a test checks the table against those files so an SDK upgrade cannot silently drift from it.
 *
 * Semantics of `parseWithSdk(operationId, status, body)`:
 *  - the operation's success status with a JSON schema: `schema.safeParse(body)` (unknown keys are stripped, not
 *    rejected, as in the SDK);
 *  - the success status of an operation the SDK treats as bodiless (`M.nil`, e.g. 204): ok, the SDK discards any body;
 *  - any status >= 400: the ErrorMessage shape (`shared.ErrorMessage$inboundSchema`, the body part of the SDK's
 *    `errors.ErrorMessage`). The SDK itself only parses the statuses it lists per operation and throws a generic
 *    `SDKError` for other 4XX/5XX without parsing the body;
 *  - an operation or status the SDK has no schema for: `{ ok: false }` saying so.
 */
import type { ZodTypeAny } from 'zod/v3';
import { ApiKeyDetails$inboundSchema } from '@codat/platform/sdk/models/shared/apikeydetails.js';
import { ApiKeys$inboundSchema } from '@codat/platform/sdk/models/shared/apikeys.js';
import { Branding$inboundSchema } from '@codat/platform/sdk/models/shared/branding.js';
import { Companies$inboundSchema } from '@codat/platform/sdk/models/shared/companies.js';
import { Company$inboundSchema } from '@codat/platform/sdk/models/shared/company.js';
import { CompanyAccessToken$inboundSchema } from '@codat/platform/sdk/models/shared/companyaccesstoken.js';
import { CompanySyncSettings$inboundSchema } from '@codat/platform/sdk/models/shared/companysyncsettings.js';
import { Connection$inboundSchema } from '@codat/platform/sdk/models/shared/connection.js';
import { ConnectionManagementAccessToken$inboundSchema } from '@codat/platform/sdk/models/shared/connectionmanagementaccesstoken.js';
import { ConnectionManagementAllowedOrigins$inboundSchema } from '@codat/platform/sdk/models/shared/connectionmanagementallowedorigins.js';
import { Connections$inboundSchema } from '@codat/platform/sdk/models/shared/connections.js';
import { CustomDataTypeConfiguration$inboundSchema } from '@codat/platform/sdk/models/shared/customdatatypeconfiguration.js';
import { CustomDataTypeRecords$inboundSchema } from '@codat/platform/sdk/models/shared/customdatatyperecords.js';
import { DataStatuses$inboundSchema } from '@codat/platform/sdk/models/shared/datastatuses.js';
import { ErrorMessage$inboundSchema } from '@codat/platform/sdk/models/shared/errormessage.js';
import { Integration$inboundSchema } from '@codat/platform/sdk/models/shared/integration.js';
import { Integrations$inboundSchema } from '@codat/platform/sdk/models/shared/integrations.js';
import { Profile$inboundSchema } from '@codat/platform/sdk/models/shared/profile.js';
import { PullOperation$inboundSchema } from '@codat/platform/sdk/models/shared/pulloperation.js';
import { PullOperations$inboundSchema } from '@codat/platform/sdk/models/shared/pulloperations.js';
import { PushOperation$inboundSchema } from '@codat/platform/sdk/models/shared/pushoperation.js';
import { PushOperations$inboundSchema } from '@codat/platform/sdk/models/shared/pushoperations.js';
import { PushOption$inboundSchema } from '@codat/platform/sdk/models/shared/pushoption.js';
import { SupplementalDataConfiguration$inboundSchema } from '@codat/platform/sdk/models/shared/supplementaldataconfiguration.js';
import { SyncSettings$inboundSchema } from '@codat/platform/sdk/models/shared/syncsettings.js';
import { ValidationResult$inboundSchema } from '@codat/platform/sdk/models/shared/validationresult.js';
import { WebhookConsumer$inboundSchema } from '@codat/platform/sdk/models/shared/webhookconsumer.js';
import { WebhookConsumers$inboundSchema } from '@codat/platform/sdk/models/shared/webhookconsumers.js';

export type SdkParseResult = { ok: true } | { ok: false; error: string };

/** The SDK's inbound schemas by the name it gives them (`shared.<Name>$inboundSchema`). */
export const SDK_SCHEMAS = {
  ApiKeyDetails: ApiKeyDetails$inboundSchema,
  ApiKeys: ApiKeys$inboundSchema,
  Branding: Branding$inboundSchema,
  Companies: Companies$inboundSchema,
  Company: Company$inboundSchema,
  CompanyAccessToken: CompanyAccessToken$inboundSchema,
  CompanySyncSettings: CompanySyncSettings$inboundSchema,
  Connection: Connection$inboundSchema,
  ConnectionManagementAccessToken: ConnectionManagementAccessToken$inboundSchema,
  ConnectionManagementAllowedOrigins: ConnectionManagementAllowedOrigins$inboundSchema,
  Connections: Connections$inboundSchema,
  CustomDataTypeConfiguration: CustomDataTypeConfiguration$inboundSchema,
  CustomDataTypeRecords: CustomDataTypeRecords$inboundSchema,
  DataStatuses: DataStatuses$inboundSchema,
  ErrorMessage: ErrorMessage$inboundSchema,
  Integration: Integration$inboundSchema,
  Integrations: Integrations$inboundSchema,
  Profile: Profile$inboundSchema,
  PullOperation: PullOperation$inboundSchema,
  PullOperations: PullOperations$inboundSchema,
  PushOperation: PushOperation$inboundSchema,
  PushOperations: PushOperations$inboundSchema,
  PushOption: PushOption$inboundSchema,
  SupplementalDataConfiguration: SupplementalDataConfiguration$inboundSchema,
  SyncSettings: SyncSettings$inboundSchema,
  ValidationResult: ValidationResult$inboundSchema,
  WebhookConsumer: WebhookConsumer$inboundSchema,
  WebhookConsumers: WebhookConsumers$inboundSchema,
} satisfies Record<string, ZodTypeAny>;

export type SdkSchemaName = keyof typeof SDK_SCHEMAS;

/**
 * operationId -> the success status the SDK accepts and the schema it parses it with (`null` = `M.nil`, no body).
 * Every operation in the SDK is listed; `get-custom-data-type-configuration` really is parsed as
 * `CustomDataTypeRecords` and `delete-api-key`'s 204 really is parsed as an ErrorMessage by SDK 6.2.1 (both mirror
 * quirks of the spec).
 */
export const SDK_OPERATIONS: Readonly<Record<string, { status: number; schema: SdkSchemaName | null }>> = {
  'add-product': { status: 204, schema: null },
  'configure-custom-data-type': { status: 200, schema: 'CustomDataTypeConfiguration' },
  'configure-supplemental-data': { status: 200, schema: null },
  'create-api-key': { status: 201, schema: 'ApiKeyDetails' },
  'create-company': { status: 200, schema: 'Company' },
  'create-connection': { status: 200, schema: 'Connection' },
  'create-webhook-consumer': { status: 201, schema: 'WebhookConsumer' },
  'delete-api-key': { status: 204, schema: 'ErrorMessage' },
  'delete-company': { status: 204, schema: null },
  'delete-connection': { status: 200, schema: null },
  'delete-webhook-consumer': { status: 204, schema: null },
  'get-company': { status: 200, schema: 'Company' },
  'get-company-access-token': { status: 200, schema: 'CompanyAccessToken' },
  'get-company-data-status': { status: 200, schema: 'DataStatuses' },
  'get-company-push-history': { status: 200, schema: 'PushOperations' },
  'get-company-syncSettings': { status: 200, schema: 'CompanySyncSettings' },
  'get-connection': { status: 200, schema: 'Connection' },
  'get-connection-management-access-token': { status: 200, schema: 'ConnectionManagementAccessToken' },
  'get-connection-management-cors-settings': { status: 200, schema: 'ConnectionManagementAllowedOrigins' },
  'get-cors-settings': { status: 200, schema: 'ConnectionManagementAllowedOrigins' },
  'get-create-update-model-options-by-data-type': { status: 200, schema: 'PushOption' },
  'get-custom-data-type-configuration': { status: 200, schema: 'CustomDataTypeRecords' },
  'get-integration': { status: 200, schema: 'Integration' },
  'get-integrations-branding': { status: 200, schema: 'Branding' },
  'get-profile': { status: 200, schema: 'Profile' },
  'get-profile-syncSettings': { status: 200, schema: 'SyncSettings' },
  'get-pull-operation': { status: 200, schema: 'PullOperation' },
  'get-push-operation': { status: 200, schema: 'PushOperation' },
  'get-read-validation-results': { status: 200, schema: 'ValidationResult' },
  'get-supplemental-data-configuration': { status: 200, schema: 'SupplementalDataConfiguration' },
  'list-api-keys': { status: 200, schema: 'ApiKeys' },
  'list-companies': { status: 200, schema: 'Companies' },
  'list-connections': { status: 200, schema: 'Connections' },
  'list-custom-data-type-records': { status: 200, schema: 'CustomDataTypeRecords' },
  'list-integrations': { status: 200, schema: 'Integrations' },
  'list-pull-operations': { status: 200, schema: 'PullOperations' },
  'list-webhook-consumers': { status: 200, schema: 'WebhookConsumers' },
  'refresh-company-data': { status: 204, schema: null },
  'refresh-custom-data-type': { status: 200, schema: 'PullOperation' },
  'refresh-data-type': { status: 200, schema: 'PullOperation' },
  'refresh-product-data': { status: 202, schema: null },
  'remove-product': { status: 204, schema: null },
  'replace-company': { status: 200, schema: 'Company' },
  'set-company-syncSettings': { status: 204, schema: null },
  'set-connection-management-cors-settings': { status: 200, schema: 'ConnectionManagementAllowedOrigins' },
  'set-cors-settings': { status: 200, schema: 'ConnectionManagementAllowedOrigins' },
  'unlink-connection': { status: 200, schema: 'Connection' },
  'update-company': { status: 200, schema: 'Company' },
  'update-connection-authorization': { status: 200, schema: 'Connection' },
  'update-profile': { status: 200, schema: 'Profile' },
  'update-profile-syncSettings': { status: 204, schema: null },
};

function parseWith(schema: ZodTypeAny, name: string, body: unknown): SdkParseResult {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true };
  const lines = result.error.issues.map((issue) => {
    const where = issue.path.length === 0 ? '/' : '/' + issue.path.join('/');
    return `${where} ${issue.message}`;
  });
  return { ok: false, error: `SDK ${name}$inboundSchema rejected the body:\n${lines.join('\n')}` };
}

export function parseWithSdk(operationId: string, status: number, body: unknown): SdkParseResult {
  const entry = SDK_OPERATIONS[operationId];
  if (!entry) return { ok: false, error: `the SDK has no schema for operation '${operationId}'` };
  if (status === entry.status) {
    if (entry.schema === null) return { ok: true }; // M.nil: the SDK reads and discards the body
    return parseWith(SDK_SCHEMAS[entry.schema], entry.schema, body);
  }
  if (status >= 400) return parseWith(SDK_SCHEMAS.ErrorMessage, 'ErrorMessage', body);
  return {
    ok: false,
    error: `the SDK has no schema for ${operationId} status ${status} (it expects ${entry.status}; anything else is an "Unexpected Status" SDKError)`,
  };
}
