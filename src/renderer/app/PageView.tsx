import type { ReactNode } from 'react';
import { pages, type PageId } from '../../shared/pages';
import { EmptyState } from '../components/EmptyState';
import { AuditPage } from '../features/audit/AuditPage';
import { CompaniesPage } from '../features/companies/CompaniesPage';
import { CompanyView } from '../features/company/CompanyView';
import { HealthPage } from '../features/health/HealthPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { useAppStore } from '../stores/app-store';

/** What each page will hold, said plainly until it is built. */
const comingNext: Partial<Record<PageId, { summary: string; detail: string }>> = {
  integrations: {
    summary: 'The integrations gallery is not built yet.',
    detail:
      'Here you will see every platform Codat offers with its cached logo and button, exactly as your customer will see them, even when offline.',
  },
};

const builtPages: Partial<Record<PageId, () => ReactNode>> = {
  companies: () => <CompaniesRoute />,
  health: () => <HealthPage />,
  audit: () => <AuditPage />,
  settings: () => <SettingsPage />,
};

function CompaniesRoute() {
  const companyId = useAppStore((state) => state.companyId);
  return companyId ? <CompanyView key={companyId} companyId={companyId} /> : <CompaniesPage />;
}

export function PageView({ page }: { page: PageId }) {
  const label = pages.find((candidate) => candidate.id === page)?.label ?? page;
  const built = builtPages[page];
  const upcoming = comingNext[page];
  // An open company titles the page with its own name (CompanyView renders the h1#page-title).
  const ownsTitle = useAppStore((state) => page === 'companies' && state.companyId !== null);
  return (
    <div className="page">
      {!ownsTitle && (
        <header className="page-header">
          <h1 id="page-title">{label}</h1>
        </header>
      )}
      {built ? built() : upcoming && <EmptyState title={upcoming.summary}>{upcoming.detail}</EmptyState>}
    </div>
  );
}
