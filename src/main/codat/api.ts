/**
 * The Codat operations Linkdesk uses, on one profile's transport. Every response is parsed with the schemas
 * in src/shared/codat; creates recover from ambiguous failures by looking before they try again.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { encodeQuery, q, type QueryExpression } from '@shared/codat/query';
import {
  brandingSchema,
  companyAccessTokenSchema,
  companySchema,
  connectionSchema,
  dataStatusesSchema,
  integrationSchema,
  pageSchema,
  profileSchema,
  pullOperationSchema,
  readValidationResultSchema,
  webhookConsumerSchema,
  type Company,
  type Connection,
  type DataType,
  type Page,
} from '@shared/codat/schemas';
import { BridgeFailure } from '@shared/result';
import type { CodatHttp } from './http';

export interface ListOptions {
  page?: number;
  pageSize?: number;
  query?: QueryExpression | null;
  orderBy?: string;
  signal?: AbortSignal;
}

/** Tag set on every company Linkdesk creates, so an ambiguous create can be found again (and to show provenance). */
export const creationTagKey = 'linkdeskRequestId';

export function listSearch(options: ListOptions & { tags?: QueryExpression }): string {
  const parts = [`page=${options.page ?? 1}`, `pageSize=${options.pageSize ?? 100}`];
  if (options.query) parts.push(`query=${encodeQuery(options.query)}`);
  if (options.tags) parts.push(`tags=${encodeQuery(options.tags)}`);
  if (options.orderBy) parts.push(`orderBy=${encodeURIComponent(options.orderBy)}`);
  return parts.join('&');
}

// A record of a list that Linkdesk cannot read is left out of its page (and counted), not the whole answer.
const companiesPage = pageSchema(companySchema, 'company');
const connectionsPage = pageSchema(connectionSchema, 'connection');
const integrationsPage = pageSchema(integrationSchema, 'integration');
const pullsPage = pageSchema(pullOperationSchema, 'pull operation');
const webhooks = z.looseObject({ results: z.array(webhookConsumerSchema) });

/** A failure after which the request may or may not have taken effect. */
export function isAmbiguous(error: unknown): boolean {
  if (!(error instanceof BridgeFailure)) return false;
  const { code, status } = error.error;
  return (
    code === 'timeout' ||
    code === 'network' ||
    code === 'bad_response' ||
    (code === 'codat' && (status ?? 0) >= 500) ||
    status === 408
  );
}

export function createCodatApi(http: CodatHttp) {
  const id = (value: string) => encodeURIComponent(value);
  const api = {
    http,
    profile: (signal?: AbortSignal) =>
      http.request('GET', '/profile', profileSchema, { ...(signal ? { signal } : {}) }),

    listCompanies: (options: ListOptions & { tags?: QueryExpression } = {}) =>
      http.request('GET', '/companies', companiesPage, { search: listSearch(options), ...signalOf(options) }),
    getCompany: (companyId: string, signal?: AbortSignal) =>
      http.request('GET', `/companies/${id(companyId)}`, companySchema, { ...(signal ? { signal } : {}) }),

    /**
     * POST is never retried blindly. After a timeout, reset or 5xx the company may exist: look it up by the
     * request's own tag; create again only when it is certainly absent.
     */
    async createCompany(
      input: { name: string; description?: string; tags?: Record<string, string> },
      signal?: AbortSignal,
    ): Promise<Company> {
      const requestId = randomUUID();
      const body = { ...input, tags: { ...input.tags, [creationTagKey]: requestId } };
      const create = () =>
        http.request('POST', '/companies', companySchema, { body, noRetry: true, ...(signal ? { signal } : {}) });
      try {
        return await create();
      } catch (error) {
        if (!isAmbiguous(error)) throw error;
        const found = await api.listCompanies({
          pageSize: 2,
          tags: q.eq(creationTagKey, requestId),
          ...(signal ? { signal } : {}),
        });
        if (found.results[0]) return found.results[0];
        return create();
      }
    },
    updateCompany: (companyId: string, input: { name?: string; description?: string; tags?: Record<string, string> }) =>
      http.request('PATCH', `/companies/${id(companyId)}`, companySchema, { body: input }),
    deleteCompany: (companyId: string) => http.request('DELETE', `/companies/${id(companyId)}`, null),

    listConnections: (companyId: string, options: ListOptions = {}) =>
      http.request('GET', `/companies/${id(companyId)}/connections`, connectionsPage, {
        search: listSearch(options),
        ...signalOf(options),
      }),
    getConnection: (companyId: string, connectionId: string, signal?: AbortSignal) =>
      http.request('GET', `/companies/${id(companyId)}/connections/${id(connectionId)}`, connectionSchema, {
        ...(signal ? { signal } : {}),
      }),

    /**
     * Like createCompany: after an ambiguous failure, a connection for this platform that was not among
     * `knownConnectionIds` is the one this request made.
     */
    async createConnection(
      companyId: string,
      platformKey: string,
      knownConnectionIds: readonly string[],
      signal?: AbortSignal,
    ): Promise<Connection> {
      const create = () =>
        http.request('POST', `/companies/${id(companyId)}/connections`, connectionSchema, {
          body: { platformKey },
          noRetry: true,
          ...(signal ? { signal } : {}),
        });
      try {
        return await create();
      } catch (error) {
        if (!isAmbiguous(error)) throw error;
        const current = await api.listConnections(companyId, { pageSize: 100, ...(signal ? { signal } : {}) });
        const made = current.results.filter(
          (connection) => connection.integrationKey === platformKey && !knownConnectionIds.includes(connection.id),
        );
        if (made[0]) return made[0];
        return create();
      }
    },
    unlinkConnection: (companyId: string, connectionId: string) =>
      http.request('PATCH', `/companies/${id(companyId)}/connections/${id(connectionId)}`, connectionSchema, {
        body: { status: 'Unlinked' },
      }),
    deleteConnection: (companyId: string, connectionId: string) =>
      http.request('DELETE', `/companies/${id(companyId)}/connections/${id(connectionId)}`, null),

    dataStatus: (companyId: string, signal?: AbortSignal) =>
      http.request('GET', `/companies/${id(companyId)}/dataStatus`, dataStatusesSchema, {
        ...(signal ? { signal } : {}),
      }),
    pullHistory: (companyId: string, options: ListOptions = {}) =>
      http.request('GET', `/companies/${id(companyId)}/data/history`, pullsPage, {
        search: listSearch(options),
        ...signalOf(options),
      }),
    pullOperation: (companyId: string, datasetId: string) =>
      http.request('GET', `/companies/${id(companyId)}/data/history/${id(datasetId)}`, pullOperationSchema),
    validationResults: (companyId: string, datasetId: string) =>
      http.request('GET', `/companies/${id(companyId)}/sync/${id(datasetId)}/validation`, readValidationResultSchema),
    refreshAll: (companyId: string) =>
      http.request('POST', `/companies/${id(companyId)}/data/all`, null, { noRetry: true }),
    refreshDataType: (companyId: string, dataType: DataType, connectionId?: string) =>
      http.request('POST', `/companies/${id(companyId)}/data/queue/${id(dataType)}`, pullOperationSchema, {
        noRetry: true,
        ...(connectionId ? { search: `connectionId=${id(connectionId)}` } : {}),
      }),

    listIntegrations: (options: ListOptions = {}) =>
      http.request('GET', '/integrations', integrationsPage, { search: listSearch(options), ...signalOf(options) }),
    branding: (platformKey: string) => http.request('GET', `/integrations/${id(platformKey)}/branding`, brandingSchema),
    webhooks: () => http.request('GET', '/webhooks', webhooks),
    accessToken: (companyId: string) =>
      http.request('GET', `/companies/${id(companyId)}/accessToken`, companyAccessTokenSchema),

    /**
     * Every page of a list, following `_links.next` (and, should a server omit it, page numbers until
     * `totalResults`). Stops when `signal` aborts.
     */
    async *pages<T>(fetchPage: (page: number) => Promise<Page<T>>, signal?: AbortSignal): AsyncGenerator<Page<T>> {
      for (let page = 1; ; page += 1) {
        signal?.throwIfAborted();
        const current = await fetchPage(page);
        yield current;
        const listed = current.results.length + current.unreadable;
        const seen = (current.pageNumber - 1) * current.pageSize + listed;
        if (listed === 0 || (!current._links.next && seen >= current.totalResults)) return;
      }
    },
  };
  return api;
}

export type CodatApi = ReturnType<typeof createCodatApi>;

function signalOf(options: { signal?: AbortSignal }) {
  return options.signal ? { signal: options.signal } : {};
}
