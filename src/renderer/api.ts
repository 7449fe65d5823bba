/**
 * The single place that touches `window.linkdesk`. In Electron the preload provides it over IPC; in the
 * web host the same client is built over HTTP.
 */
import { createBridgeClient } from '@shared/bridge-client';
import type { LinkdeskApi } from '@shared/contract';
import { createHttpTransport } from './bridge/http-transport';

export const hostBridge: 'ipc' | 'http' = window.linkdesk ? 'ipc' : 'http';
export const linkdesk: LinkdeskApi = window.linkdesk ?? createBridgeClient(createHttpTransport());
