/** Settings: the client's profile (`GET /profile`), fixed for the training sandbox. */
import type { Route } from './route';

export const profileRoutes: Route[] = [
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
];
