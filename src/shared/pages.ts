/** The console's top-level pages, in navigation order. Shared so main's menu and the renderer agree. */
export const pages = [
  { id: 'companies', label: 'Companies' },
  { id: 'followups', label: 'Follow-ups' },
  { id: 'inbox', label: 'Inbox' },
  { id: 'health', label: 'Health' },
  { id: 'integrations', label: 'Integrations' },
  { id: 'audit', label: 'Audit log' },
  { id: 'settings', label: 'Settings' },
] as const;

export type PageId = (typeof pages)[number]['id'];
export const pageIds = pages.map((page) => page.id) as [PageId, ...PageId[]];
