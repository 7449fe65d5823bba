import { lazy, Suspense, type ReactNode } from 'react';
import { pages, type PageId } from '@shared/pages';
import { AuditPage } from '../features/audit/AuditPage';
import { HealthPage } from '../features/health/HealthPage';
import { IntegrationsPage } from '../features/integrations/IntegrationsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { useRouteScroll } from '../hooks/useRouteScroll';
import { useAppStore } from '../stores/app-store';
import { CompaniesRoute } from './CompaniesRoute';

// Loaded when first opened: the first screen's code stays small.
const FollowUpsPage = lazy(() => import('../features/followups/FollowUpsPage'));
const InboxPage = lazy(() => import('../features/inbox/InboxPage'));

const builtPages: Record<PageId, () => ReactNode> = {
  companies: () => <CompaniesRoute />,
  followups: () => (
    <Suspense fallback={<p role="status">Loading follow-ups…</p>}>
      <FollowUpsPage />
    </Suspense>
  ),
  inbox: () => (
    <Suspense fallback={<p role="status">Loading the inbox…</p>}>
      <InboxPage />
    </Suspense>
  ),
  health: () => <HealthPage />,
  integrations: () => <IntegrationsPage />,
  audit: () => <AuditPage />,
  settings: () => <SettingsPage />,
};

export function PageView({ page }: { page: PageId }) {
  const label = pages.find((candidate) => candidate.id === page)?.label ?? page;
  // An open company titles the page with its own name (CompanyView renders the h1#page-title).
  const ownsTitle = useAppStore((state) => page === 'companies' && state.companyId !== null);
  const companyId = useAppStore((state) => (page === 'companies' ? state.companyId : null));
  // Each page, and each company, opens at the top; Back returns to where the user was.
  useRouteScroll(companyId ? `${page}/${companyId}` : page, 'main-content');
  return (
    <div className="page">
      {!ownsTitle && (
        <header className="page-header">
          <h1 id="page-title">{label}</h1>
        </header>
      )}
      {builtPages[page]()}
    </div>
  );
}
