/**
 * The Codat Platform API routes the sandbox serves. Shapes and status codes follow the official OpenAPI
 * document; where it is silent (API-NOTES §13) the choice is documented in README's sandbox section.
 */
import { stripCompanyName } from '@shared/codat/names';
import { dataTypes, type DataType, type PullOperation } from '@shared/codat/schemas';
import { platforms, platformsByKey, sourceTypeOfDataType, type PlatformEntry } from '../catalog';
import { badRequest, CodatError, notFound } from '../errors';
import {
  companyLastSync,
  companyView,
  connectionLastSync,
  connectionView,
  dataStatusView,
  pullView,
  type CompanyRecord,
  type ConnectionRecord,
  type ViewContext,
} from '../model';
import { parseOrderBy, parseQuery, parseTagsFilter, QueryError, type QuerySchema } from '../query';
import type { SandboxState } from '../state';
import { iso } from '../clock';

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}
export interface ApiResponse {
  status: number;
  body?: unknown;
}

export interface ApiContext {
  state: SandboxState;
  baseUrl: string;
  /** Free-plan style company limit (402 beyond it). */
  companyLimit: number;
}

type Handler = (params: string[], request: ApiRequest, context: ApiContext) => ApiResponse;
interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

const segment = '([^/]+)';

const companyQuery: QuerySchema = {
  resource: 'Company',
  fields: {
    id: 'string',
    name: 'string',
    description: 'string',
    created: 'date',
    lastSync: 'date',
    createdByUserName: 'string',
    'dataConnections.id': 'string',
    'dataConnections.status': 'string',
    'dataConnections.sourceType': 'string',
    'dataConnections.integrationKey': 'string',
    'dataConnections.platformName': 'string',
  },
};
const connectionQuery: QuerySchema = {
  resource: 'DataConnection',
  fields: {
    id: 'string',
    status: 'string',
    sourceType: 'string',
    integrationKey: 'string',
    platformName: 'string',
    created: 'date',
    lastSync: 'date',
  },
};
const integrationQuery: QuerySchema = {
  resource: 'Integration',
  fields: {
    key: 'string',
    name: 'string',
    enabled: 'boolean',
    sourceType: 'string',
    isOfflineConnector: 'boolean',
    isBeta: 'boolean',
  },
};
/** Codat calls pull operations "datasets" in its query errors (API-NOTES §3: isCompleted cannot be queried). */
const pullQuery: QuerySchema = {
  resource: 'Dataset',
  fields: {
    id: 'string',
    connectionId: 'string',
    dataType: 'string',
    status: 'string',
    requested: 'date',
    completed: 'date',
    progress: 'number',
    isErrored: 'boolean',
  },
};

/** A light, lazily computed view of a company for filtering 100 000 of them without building full bodies. */
class CompanyQueryView {
  constructor(
    private readonly company: CompanyRecord,
    private readonly now: number,
  ) {}
  get id() {
    return this.company.id;
  }
  get name() {
    return this.company.name;
  }
  get description() {
    return this.company.description;
  }
  get created() {
    return iso(this.company.created);
  }
  get createdByUserName() {
    return this.company.createdByUserName;
  }
  get lastSync() {
    const last = companyLastSync(this.company, this.now);
    return last === null ? null : iso(last);
  }
  get dataConnections() {
    return this.company.connections.map((connection) => ({
      id: connection.id,
      status: connection.status,
      sourceType: connection.platform.sourceType,
      integrationKey: connection.platform.key,
      platformName: connection.platform.name,
    }));
  }
  get record() {
    return this.company;
  }
}

function viewContext(context: ApiContext): ViewContext {
  return { baseUrl: context.baseUrl, now: context.state.clock.now(), random: context.state.random };
}

function paging(query: URLSearchParams) {
  const read = (name: string, fallback: number) => {
    const raw = query.get(name);
    if (raw === null || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value))
      throw badRequest(`The ${name} parameter must be a whole number.`, 'PagingValidator', name);
    return value;
  };
  const page = read('page', 1);
  const pageSize = read('pageSize', 100);
  if (page < 1) throw badRequest('The page parameter must be 1 or more.', 'PagingValidator', 'page');
  if (pageSize < 1 || pageSize > 5000) {
    throw badRequest('The pageSize parameter must be between 1 and 5000.', 'PagingValidator', 'pageSize');
  }
  return { page, pageSize };
}

function withQueryErrors<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof QueryError) throw badRequest(error.message, 'QueryValidator', 'query');
    throw error;
  }
}

/** Filters, orders and pages a list, returning Codat's envelope with `_links`. */
function pageOf<T, V>(
  items: readonly T[],
  request: ApiRequest,
  basePath: string,
  schema: QuerySchema,
  toView: (item: T) => V,
  defaultOrder?: (a: T, b: T) => number,
): ApiResponse {
  const { page, pageSize } = paging(request.query);
  const expression = request.query.get('query');
  const orderBy = request.query.get('orderBy');
  const predicate = expression ? withQueryErrors(() => parseQuery<T>(expression, schema)) : null;
  const compare = orderBy ? withQueryErrors(() => parseOrderBy<T>(orderBy, schema)) : null;
  let matches = predicate ? items.filter(predicate) : items.slice();
  if (compare)
    matches = matches
      .map((item, index) => ({ item, index }))
      .sort((a, b) => compare(a.item, b.item) || a.index - b.index)
      .map(({ item }) => item);
  else if (defaultOrder) matches.sort(defaultOrder);
  const start = (page - 1) * pageSize;
  const results = matches.slice(start, start + pageSize).map(toView);
  const extra = ['query', 'orderBy', 'tags']
    .map((name) => [name, request.query.get(name)] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== null && entry[1] !== '')
    .map(([name, value]) => `&${name}=${encodeURIComponent(value)}`)
    .join('');
  const href = (n: number) => `${basePath}?page=${n}&pageSize=${pageSize}${extra}`;
  const links: Record<string, { href: string }> = { self: { href: basePath }, current: { href: href(page) } };
  if (start + pageSize < matches.length) links['next'] = { href: href(page + 1) };
  if (page > 1) links['previous'] = { href: href(page - 1) };
  return {
    status: 200,
    body: { results, pageNumber: page, pageSize, totalResults: matches.length, _links: links },
  };
}

function findCompany(context: ApiContext, id: string): CompanyRecord {
  const company = context.state.companies.get(id.toLowerCase());
  if (!company) throw notFound(`No company with ID ${id}`);
  return company;
}

function findConnection(company: CompanyRecord, id: string): ConnectionRecord {
  const connection = company.connections.find((candidate) => candidate.id === id.toLowerCase());
  if (!connection) throw notFound(`No data connection with ID ${id} for company ${company.id}`);
  return connection;
}

function objectBody(request: ApiRequest): Record<string, unknown> {
  if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
    throw badRequest('The request body must be a JSON object.');
  }
  return request.body as Record<string, unknown>;
}

function readTags(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw badRequest('Tags must be an object of string values.', 'CompanyValidator', 'tags');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 10) throw badRequest('A company can have at most 10 tags.', 'CompanyValidator', 'tags');
  for (const [key, tagValue] of entries) {
    if (key.length < 1 || key.length > 27)
      throw badRequest(`Tag key '${key}' must be 1 to 27 characters long.`, 'CompanyValidator', 'tags');
    if (typeof tagValue !== 'string')
      throw badRequest(`Tag '${key}' must have a string value.`, 'CompanyValidator', 'tags');
    if (tagValue.length > 100)
      throw badRequest(`Tag '${key}' must be at most 100 characters long.`, 'CompanyValidator', 'tags');
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

function readName(value: unknown, required: boolean): string | undefined {
  if (value === undefined || value === null) {
    if (required) throw badRequest('A company name is required.', 'CompanyValidator', 'name');
    return undefined;
  }
  if (typeof value !== 'string') throw badRequest('The company name must be a string.', 'CompanyValidator', 'name');
  const name = stripCompanyName(value).trim();
  if (name.length === 0) {
    throw badRequest(
      'The company name is empty once characters Codat does not allow are removed.',
      'CompanyValidator',
      'name',
    );
  }
  return name;
}

function readDescription(value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string')
    throw badRequest('The description must be a string.', 'CompanyValidator', 'description');
  return value;
}

function connectionFor(company: CompanyRecord, dataType: DataType, connectionId: string | null): ConnectionRecord {
  if (connectionId) {
    const connection = findConnection(company, connectionId);
    if (connection.platform.sourceType !== sourceTypeOfDataType(dataType)) {
      throw notFound(`Datatype ${dataType} not supported by platform(s) ${connection.platform.key}`);
    }
    return connection;
  }
  const candidates = company.connections.filter(
    (connection) => connection.platform.sourceType === sourceTypeOfDataType(dataType),
  );
  const connection = candidates.find((candidate) => candidate.status === 'Linked') ?? candidates[0];
  if (!connection)
    throw notFound(
      `Datatype ${dataType} not supported by platform(s) of company ${company.id}: it has no matching connection`,
    );
  return connection;
}

function integrationView(platform: PlatformEntry, context: ApiContext) {
  return {
    key: platform.key,
    logoUrl: `${context.baseUrl}/branding/${platform.key}/square.svg`,
    name: platform.name,
    enabled: platform.enabled,
    sourceId: platform.sourceId,
    sourceType: platform.sourceType,
    integrationId: platform.integrationId,
    isOfflineConnector: platform.isOfflineConnector,
    isBeta: platform.isBeta,
    dataProvidedBy: 'Codat',
  };
}

const routes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/profile$/,
    handler: (_params, _request, context) => ({
      status: 200,
      body: {
        name: 'Linkdesk Training Sandbox',
        logoUrl: `${context.baseUrl}/branding/mqjo/square.svg`,
        iconUrl: `${context.baseUrl}/branding/mqjo/square.svg`,
        redirectUrl: `${context.baseUrl}/link/finished`,
        whiteListUrls: [context.baseUrl],
      },
    }),
  },
  {
    method: 'GET',
    pattern: /^\/companies$/,
    handler: (_params, request, context) => {
      const now = context.state.clock.now();
      const tags = request.query.get('tags');
      const tagFilter = tags ? withQueryErrors(() => parseTagsFilter(tags)) : null;
      const source = tagFilter
        ? context.state.companyOrder.filter((company) => tagFilter(company.tags))
        : context.state.companyOrder;
      const views = source.map((company) => new CompanyQueryView(company, now));
      const vc = viewContext(context);
      return pageOf(views, request, '/companies', companyQuery, (view) => companyView(view.record, vc));
    },
  },
  {
    method: 'POST',
    pattern: /^\/companies$/,
    handler: (_params, request, context) => {
      const body = objectBody(request);
      const name = readName(body['name'], true) as string;
      const description = readDescription(body['description']) ?? null;
      const tags = readTags(body['tags']);
      if (context.state.companies.size >= context.companyLimit) {
        throw new CodatError(402, 'CompanyValidationException: Company limit exceeded', [
          { itemId: 'Company', message: 'Company limit exceeded', validatorName: 'CreateCompany' },
        ]);
      }
      const company = context.state.createCompany({ name, description, tags });
      return { status: 200, body: companyView(company, viewContext(context)) };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/companies/${segment}$`),
    handler: ([id], _request, context) => ({
      status: 200,
      body: companyView(findCompany(context, id!), viewContext(context)),
    }),
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`^/companies/${segment}$`),
    handler: ([id], request, context) => {
      const company = findCompany(context, id!);
      const body = objectBody(request);
      const name = readName(body['name'], false);
      const description = readDescription(body['description']);
      if (name !== undefined) company.name = name;
      if (description !== undefined) company.description = description;
      // The docs: a null or empty tags object removes every tag (API-NOTES §3).
      if ('tags' in body) company.tags = readTags(body['tags']);
      return { status: 200, body: companyView(company, viewContext(context)) };
    },
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^/companies/${segment}$`),
    handler: ([id], request, context) => {
      const company = findCompany(context, id!);
      const body = objectBody(request);
      company.name = readName(body['name'], true) as string;
      company.description = readDescription(body['description']) ?? null;
      company.tags = readTags(body['tags']);
      return { status: 200, body: companyView(company, viewContext(context)) };
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/companies/${segment}$`),
    handler: ([id], _request, context) => {
      context.state.deleteCompany(findCompany(context, id!));
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/companies/${segment}/connections$`),
    handler: ([id], request, context) => {
      const company = findCompany(context, id!);
      const now = context.state.clock.now();
      const vc = viewContext(context);
      const rows = company.connections.map((connection) => ({
        id: connection.id,
        status: connection.status,
        sourceType: connection.platform.sourceType,
        integrationKey: connection.platform.key,
        platformName: connection.platform.name,
        created: iso(connection.created),
        get lastSync() {
          const last = connectionLastSync(company, connection.id, now);
          return last === null ? null : iso(last);
        },
        connection,
      }));
      return pageOf(rows, request, `/companies/${company.id}/connections`, connectionQuery, (row) =>
        connectionView(company, row.connection, vc),
      );
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/companies/${segment}/connections$`),
    handler: ([id], request, context) => {
      const company = findCompany(context, id!);
      const body = objectBody(request);
      const key = body['platformKey'];
      if (typeof key !== 'string' || key.length === 0) {
        throw badRequest(
          'platformKey is required: the 4-letter key of the integration to connect.',
          'CreateConnection',
          'platformKey',
        );
      }
      const platform = platformsByKey.get(key.toLowerCase());
      if (!platform) throw notFound(`Integration ${key}`);
      if (!platform.enabled) {
        throw badRequest(
          `The integration ${platform.name} (${platform.key}) is not enabled for this client.`,
          'CreateConnection',
          'platformKey',
        );
      }
      const existingAccounting = company.connections.find(
        (connection) => connection.platform.sourceType === 'Accounting',
      );
      if (platform.sourceType === 'Accounting' && existingAccounting) {
        throw badRequest(
          `A company can have only one accounting connection. Company ${company.id} already has ${existingAccounting.platform.name} (connection ${existingAccounting.id}, ${existingAccounting.status}).`,
          'CreateConnection',
          'platformKey',
        );
      }
      const connection = context.state.createConnection(company, platform);
      return { status: 200, body: connectionView(company, connection, viewContext(context)) };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/companies/${segment}/connections/${segment}$`),
    handler: ([companyId, connectionId], _request, context) => {
      const company = findCompany(context, companyId!);
      return {
        status: 200,
        body: connectionView(company, findConnection(company, connectionId!), viewContext(context)),
      };
    },
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`^/companies/${segment}/connections/${segment}$`),
    handler: ([companyId, connectionId], request, context) => {
      const company = findCompany(context, companyId!);
      const connection = findConnection(company, connectionId!);
      const body = objectBody(request);
      const unknown = Object.keys(body).filter((key) => key !== 'status');
      if (unknown.length > 0)
        throw badRequest(
          `Unexpected properties: ${unknown.join(', ')}. Only status may be sent.`,
          'UpdateConnectionStatus',
          unknown[0],
        );
      if (body['status'] !== 'Unlinked') {
        throw badRequest(
          "The only status a connection can be set to is 'Unlinked'.",
          'UpdateConnectionStatus',
          'status',
        );
      }
      if (connection.status !== 'Linked') {
        throw badRequest(
          `Only a Linked connection can be unlinked; connection ${connection.id} is ${connection.status}.`,
          'UpdateConnectionStatus',
          'status',
        );
      }
      connection.status = 'Unlinked';
      return { status: 200, body: connectionView(company, connection, viewContext(context)) };
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/companies/${segment}/connections/${segment}$`),
    handler: ([companyId, connectionId], _request, context) => {
      const company = findCompany(context, companyId!);
      context.state.deleteConnection(company, findConnection(company, connectionId!));
      return { status: 200 };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/companies/${segment}/accessToken$`),
    handler: ([id], _request, context) => {
      findCompany(context, id!);
      const token = Array.from({ length: 4 }, () => context.state.random.uuid().replaceAll('-', '')).join('');
      return { status: 200, body: { expiresIn: 86400, accessToken: token, tokenType: 'Bearer' } };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/companies/${segment}/dataStatus$`),
    handler: ([id], _request, context) => ({
      status: 200,
      body: dataStatusView(findCompany(context, id!), context.state.clock.now()),
    }),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/companies/${segment}/data/history$`),
    handler: ([id], request, context) => {
      const company = findCompany(context, id!);
      const now = context.state.clock.now();
      const views = company.pulls.map((pull) => pullView(pull, now));
      return pageOf<PullOperation, PullOperation>(
        views,
        request,
        `/companies/${company.id}/data/history`,
        pullQuery,
        (view) => view,
        (a, b) => Date.parse(b.requested) - Date.parse(a.requested),
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/companies/${segment}/data/history/${segment}$`),
    handler: ([companyId, datasetId], _request, context) => {
      const company = findCompany(context, companyId!);
      const pull = company.pulls.find((candidate) => candidate.id === datasetId!.toLowerCase());
      if (!pull) throw notFound(`No dataset with ID ${datasetId}`);
      return { status: 200, body: pullView(pull, context.state.clock.now()) };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/companies/${segment}/sync/${segment}/validation$`),
    handler: ([companyId, datasetId], _request, context) => {
      const company = findCompany(context, companyId!);
      const pull = company.pulls.find((candidate) => candidate.id === datasetId!.toLowerCase());
      if (!pull) throw notFound(`No dataset with ID ${datasetId}`);
      const state = pullView(pull, context.state.clock.now());
      const failed = state.status === 'ValidationError';
      return {
        status: 200,
        body: {
          errors: failed
            ? [
                {
                  ruleId: 'invoice-total-matches-lines',
                  itemId: 'INV-1043',
                  message: 'The invoice total does not equal the sum of its lines.',
                  validatorName: 'InvoiceValidator',
                },
                {
                  ruleId: 'customer-ref-exists',
                  itemId: 'INV-1051',
                  message: 'The invoice refers to a customer that does not exist.',
                  validatorName: 'InvoiceValidator',
                },
              ]
            : [],
          warnings: failed
            ? [
                {
                  ruleId: 'currency-set',
                  itemId: 'INV-0998',
                  message: 'No currency was given; the base currency was assumed.',
                  validatorName: 'InvoiceValidator',
                },
              ]
            : [],
        },
      };
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/companies/${segment}/data/all$`),
    handler: ([id], _request, context) => {
      const company = findCompany(context, id!);
      const linked = company.connections.filter((connection) => connection.status === 'Linked');
      if (linked.length === 0)
        throw badRequest(`Company ${company.id} has no linked connections to refresh.`, 'RefreshData', 'companyId');
      for (const connection of linked) context.state.refreshInitialTypes(company, connection);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/companies/${segment}/data/queue/${segment}$`),
    handler: ([id, rawType], request, context) => {
      const company = findCompany(context, id!);
      if (!(dataTypes as readonly string[]).includes(rawType!))
        throw badRequest(`${rawType} is not a data type.`, 'RefreshDataType', 'dataType');
      const dataType = rawType as DataType;
      const connection = connectionFor(company, dataType, request.query.get('connectionId'));
      const running = context.state.runningPull(company, connection, dataType);
      if (running) {
        throw badRequest(
          `DatasetAlreadyInProgressException: Cannot queue ${dataType} sync for ${company.id} as previous sync ${running.id} is still in progress`,
          'RefreshDataType',
          'dataType',
        );
      }
      const pull = context.state.queuePull(company, connection, dataType);
      return { status: 200, body: pullView(pull, context.state.clock.now()) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/integrations$/,
    handler: (_params, request, context) =>
      pageOf(platforms, request, '/integrations', integrationQuery, (platform) => integrationView(platform, context)),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/integrations/${segment}$`),
    handler: ([key], _request, context) => {
      const platform = platformsByKey.get(key!.toLowerCase());
      if (!platform) throw notFound(`Integration ${key}`);
      return { status: 200, body: integrationView(platform, context) };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/integrations/${segment}/branding$`),
    handler: ([key], _request, context) => {
      const platform = platformsByKey.get(key!.toLowerCase());
      if (!platform) throw notFound(`Integration ${key}`);
      const image = (variant: string, alt: string) => ({
        image: { src: `${context.baseUrl}/branding/${platform.key}/${variant}.svg`, alt },
      });
      return {
        status: 200,
        body: {
          logo: { full: image('full', `${platform.name} logo`), square: image('square', `${platform.name} logo`) },
          button: {
            default: image('button', `Connect to ${platform.name}`),
            hover: image('button-hover', `Connect to ${platform.name}`),
          },
          sourceId: platform.sourceId,
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/webhooks$/,
    handler: () => ({
      status: 200,
      body: {
        results: [
          {
            id: '8c0a9ad4-38a8-4b3f-8d5a-5b0d1b1e7c11',
            url: 'https://hooks.example.com/codat/connections',
            disabled: false,
            eventTypes: ['connection.connected', 'connection.disconnected', 'connection.failed', 'read.completed'],
            companyTags: null,
          },
          {
            id: '2f6d1c7e-9b0a-4c55-a1e3-7d8e9f0a1b22',
            url: 'https://legacy.example.com/webhooks/legacy',
            disabled: true,
            eventTypes: ['DataSyncCompleted', 'DatasetDataChanged'],
            companyTags: ['region:uk'],
          },
        ],
      },
    }),
  },
];

export function routeApi(request: ApiRequest, context: ApiContext): ApiResponse {
  let pathMatched = false;
  for (const route of routes) {
    const match = route.pattern.exec(request.path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== request.method) continue;
    return route.handler(match.slice(1).map(decodeURIComponent), request, context);
  }
  if (pathMatched) throw new CodatError(405, `The method ${request.method} is not allowed on ${request.path}.`);
  throw new CodatError(404, `No such endpoint: ${request.method} ${request.path}`);
}
