/**
 * Refreshing and reading a company's data: data status, pull history (newest first unless ordered), one pull and its
 * validation results, refresh everything (data/all) or one data type (data/queue, refused while one is in progress).
 */
import { dataTypes, type DataType, type PullOperation } from '@shared/codat/schemas';
import { sourceTypeOfDataType } from '../catalog';
import { badRequest, notFound } from '../errors';
import { dataStatusView, pullView, type CompanyRecord, type ConnectionRecord, type PullRecord } from '../model';
import type { QuerySchema } from '../query';
import { pageOf } from './paging';
import { findCompany, findConnection, segment, type Route } from './route';

/** Codat calls pull operations "datasets" in its query errors (docs/codat-api.md §3: isCompleted cannot be queried). */
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

function findPull(company: CompanyRecord, datasetId: string): PullRecord {
  const pull = company.pulls.find((candidate) => candidate.id === datasetId.toLowerCase());
  if (!pull) throw notFound(`No dataset with ID ${datasetId}.`);
  return pull;
}

/** The connection a refresh of this data type goes to: the one named, else one of the type's source (Linked first). */
function connectionFor(company: CompanyRecord, dataType: DataType, connectionId: string | null): ConnectionRecord {
  if (connectionId) {
    const connection = findConnection(company, connectionId);
    if (connection.platform.sourceType !== sourceTypeOfDataType(dataType)) {
      throw notFound(`Datatype ${dataType} is not supported by platform ${connection.platform.key}.`);
    }
    return connection;
  }
  const candidates = company.connections.filter(
    (connection) => connection.platform.sourceType === sourceTypeOfDataType(dataType),
  );
  const connection = candidates.find((candidate) => candidate.status === 'Linked') ?? candidates[0];
  if (!connection)
    throw notFound(
      `Datatype ${dataType} is not supported by any platform of company ${company.id}: it has no matching connection.`,
    );
  return connection;
}

export const dataRoutes: Route[] = [
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
      const pull = findPull(findCompany(context, companyId!), datasetId!);
      return { status: 200, body: pullView(pull, context.state.clock.now()) };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/companies/${segment}/sync/${segment}/validation$`),
    handler: ([companyId, datasetId], _request, context) => {
      const pull = findPull(findCompany(context, companyId!), datasetId!);
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
];
