import type { ReactNode } from 'react';
import { pages, type PageId } from '../../shared/pages';
import { EmptyState } from '../components/EmptyState';
import { CompaniesPage } from '../features/companies/CompaniesPage';
import { CompanyView } from '../features/company/CompanyView';
import { SettingsPage } from '../features/settings/SettingsPage';
import { useAppStore } from '../stores/app-store';

/** What each page will hold, said plainly until it is built. */
const comingNext: Partial<Record<PageId, { summary: string; detail: string }>> = {
  health: {
    summary: 'The health scan is not built yet.',
    detail:
      'Here you will scan every company for connections awaiting authorisation, deauthorised or unlinked connections and failing or stuck syncs, each with a plain explanation and the next step.',
  },
  integrations: {
    summary: 'The integrations gallery is not built yet.',
    detail:
      'Here you will see every platform Codat offers with its cached logo and button, exactly as your customer will see them, even when offline.',
  },
  audit: {
    summary: 'The audit log is not built yet.',
    detail:
      'Here you will see every admin action taken from this console (companies created, connections unlinked or deleted, invites composed) with its result, and export it as CSV.',
  },
};

const builtPages: Partial<Record<PageId, () => ReactNode>> = {
  companies: () => <CompaniesRoute />,
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
