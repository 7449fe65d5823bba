/** Webhooks: `GET /webhooks` lists two fixed consumers (no paging envelope, as in Codat); the sandbox delivers none. */
import type { Route } from './route';

export const webhookRoutes: Route[] = [
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
