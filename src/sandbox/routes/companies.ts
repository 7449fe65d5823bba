/**
 * Companies: list (query, orderBy, tags), create (402 beyond the plan's limit), read, update (PATCH), replace (PUT),
 * delete, and a company's access token.
 */
import { stripCompanyName } from '@shared/codat/names';
import { iso } from '../clock';
import { badRequest, CodatError } from '../errors';
import { companyLastSync, companyView, type CompanyRecord } from '../model';
import { parseTagsFilter, type QuerySchema } from '../query';
import { connectionQueryFields } from './connections';
import { pageOf, withQueryErrors } from './paging';
import { findCompany, objectBody, segment, viewContext, type Route } from './route';

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
    return this.company.connections.map(connectionQueryFields);
  }
  get record() {
    return this.company;
  }
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

/** A whole company (POST, PUT), every field read before anything is created or replaced. */
function readWholeCompany(body: Record<string, unknown>) {
  return {
    name: readName(body['name'], true) as string,
    description: readDescription(body['description']) ?? null,
    tags: readTags(body['tags']),
  };
}

export const companyRoutes: Route[] = [
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
      const fields = readWholeCompany(objectBody(request));
      if (context.state.companies.size >= context.companyLimit) {
        throw new CodatError(402, 'CompanyValidationException: Company limit exceeded', [
          { itemId: 'Company', message: 'Company limit exceeded', validatorName: 'CreateCompany' },
        ]);
      }
      const company = context.state.createCompany(fields);
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
      // Everything is read first, so a refused body changes nothing.
      const name = readName(body['name'], false);
      const description = readDescription(body['description']);
      // The docs: a null or empty tags object removes every tag (docs/codat-api.md §3).
      const tags = 'tags' in body ? readTags(body['tags']) : undefined;
      if (name !== undefined) company.name = name;
      if (description !== undefined) company.description = description;
      if (tags !== undefined) company.tags = tags;
      return { status: 200, body: companyView(company, viewContext(context)) };
    },
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^/companies/${segment}$`),
    handler: ([id], request, context) => {
      const company = findCompany(context, id!);
      const { name, description, tags } = readWholeCompany(objectBody(request));
      company.name = name;
      company.description = description;
      company.tags = tags;
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
    pattern: new RegExp(`^/companies/${segment}/accessToken$`),
    handler: ([id], _request, context) => {
      findCompany(context, id!);
      const token = Array.from({ length: 4 }, () => context.state.random.uuid().replaceAll('-', '')).join('');
      return { status: 200, body: { expiresIn: 86400, accessToken: token, tokenType: 'Bearer' } };
    },
  },
];
