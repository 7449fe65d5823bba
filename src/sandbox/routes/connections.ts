/**
 * A company's data connections: list (query, orderBy), create (one accounting connection per company; the platform
 * must exist and be enabled), read, unlink (PATCH, the only change Codat allows) and delete.
 */
import { iso } from '../clock';
import { badRequest } from '../errors';
import { connectionLastSync, connectionView, type ConnectionRecord } from '../model';
import type { QuerySchema } from '../query';
import { pageOf } from './paging';
import { findCompany, findConnection, findIntegration, objectBody, segment, viewContext, type Route } from './route';

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

/** The fields of a connection the query language reads, on its own and as a company's `dataConnections.*`. */
export function connectionQueryFields(connection: ConnectionRecord) {
  return {
    id: connection.id,
    status: connection.status,
    sourceType: connection.platform.sourceType,
    integrationKey: connection.platform.key,
    platformName: connection.platform.name,
  };
}

export const connectionRoutes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`^/companies/${segment}/connections$`),
    handler: ([id], request, context) => {
      const company = findCompany(context, id!);
      const now = context.state.clock.now();
      const vc = viewContext(context);
      const rows = company.connections.map((connection) => ({
        ...connectionQueryFields(connection),
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
      const platform = findIntegration(key);
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
];
