import { useEffect } from 'react';
import { pages } from '@shared/pages';
import { useInboxStore } from '../features/inbox/inbox-store';
import { useAppStore } from '../stores/app-store';
import { CommandPaletteHost } from './CommandPaletteHost';
import { ReminderToasts } from './ReminderToasts';
import { Navigation } from './Navigation';
import { PageView } from './PageView';
import { Notices } from './Notices';
import { StatusBar } from './StatusBar';
import { useAppWiring } from './useAppWiring';

export function App() {
  const page = useAppStore((state) => state.page);
  // An open company's name, once it is known; otherwise the page's.
  const pageTitle = useAppStore((state) => (state.page === 'companies' && state.companyId ? state.pageTitle : null));
  useAppWiring();
  const label = pages.find((candidate) => candidate.id === page)?.label ?? '';
  const title = pageTitle ?? label;
  // The browser console has no app badge: its tab's title carries the count of New issues instead.
  const inBrowser = useAppStore((state) => state.info?.host === 'web');
  const newIssues = useInboxStore((state) => state.newCount);
  const count = inBrowser && newIssues > 0 ? `(${newIssues > 999 ? '999+' : newIssues}) ` : '';

  useEffect(() => {
    document.title = `${count}${title} · Linkdesk`;
  }, [count, title]);

  return (
    <div className="app-frame">
      <a className="skip-link" href="#main-content">
        Skip to content
      </a>
      <Navigation current={page} />
      <main id="main-content" className="app-main" tabIndex={-1} aria-labelledby="page-title">
        <Notices />
        <PageView page={page} />
      </main>
      <StatusBar />
      <ReminderToasts />
      <CommandPaletteHost />
    </div>
  );
}
