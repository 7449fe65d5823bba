/** IPC channel names, shared by main's binding and the preload. */
export const invokeChannel = (operation: string) => `linkdesk:call:${operation}`;
export const eventChannel = 'linkdesk:event';
