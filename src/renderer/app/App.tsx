import { useEffect } from 'react';
import { pages } from '@shared/pages';
import { useAppStore } from '../stores/app-store';
import { CommandPaletteHost } from './CommandPaletteHost';
import { FollowUpToasts } from './FollowUpToasts';
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

  useEffect(() => {
    document.title = `${title} · Linkdesk`;
  }, [title]);

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
      <FollowUpToasts />
      <CommandPaletteHost />
    </div>
  );
}
