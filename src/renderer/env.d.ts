import type { LinkdeskApi } from '@shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the web host. Read only in api.ts. */
    readonly linkdesk?: LinkdeskApi;
  }
}

declare module '*.css';
