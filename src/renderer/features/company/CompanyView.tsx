/**
 * One company, as used with the customer on the phone: its links, its connections, connecting a platform,
 * handing over the link (copy, open, invite) and watching until the customer has authorised and the first
 * sync has finished. Below, for customer success: the investigation tabs and the diagnostic report.
 */
// First: the styles of the view's parts (connections, hand-over, investigation) come after it and refine it.
import './company.css';
import { useEffect } from 'react';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Skeleton } from '@renderer/components/Skeleton';
import { useAppStore } from '@renderer/stores/app-store';
import { BackToSearch } from './BackToSearch';
import { CompanyDetail, type CompanyViewActions } from './CompanyDetail';
import { useCompany } from './useCompany';

export type { CompanyViewActions };

export function CompanyView({ companyId, actions }: { companyId: string; actions?: CompanyViewActions }) {
  const { load, retry } = useCompany(companyId);
  // The window's title names the company (a title bar, a task switcher and a screen reader all say it).
  const title =
    load.status === 'ready'
      ? load.company.name
      : load.status === 'failed'
        ? load.error.status === 404
          ? 'Company not found'
          : 'Could not open the company'
        : null;
  useEffect(() => {
    useAppStore.getState().setPageTitle(title);
    return () => useAppStore.getState().setPageTitle(null);
  }, [title]);

  if (load.status === 'loading') return <CompanySkeleton />;
  if (load.status === 'failed') {
    const missing = load.error.status === 404;
    return (
      <div className="company-view">
        <BackToSearch />
        <header className="company-header">
          <h1 id="page-title">{missing ? 'Company not found' : 'Could not open the company'}</h1>
        </header>
        {missing ? (
          <div className="card">
            <p>No company with this ID (it may have been deleted)</p>
            <p className="muted">
              Check the ID <code>{companyId}</code>, or search for the company by name.
            </p>
          </div>
        ) : (
          <div className="card">
            <ErrorNotice error={load.error} title="Linkdesk could not read this company from Codat." />
            <button type="button" className="button" onClick={retry}>
              Try again
            </button>
          </div>
        )}
      </div>
    );
  }
  return <CompanyDetail company={load.company} actions={actions} />;
}

function CompanySkeleton() {
  return (
    <div className="company-view" aria-busy="true">
      <BackToSearch />
      <header className="card company-header">
        <h1 id="page-title">
          <span className="visually-hidden">Loading company…</span>
          <Skeleton className="skeleton-title" />
        </h1>
        <div className="skeleton-lines" aria-hidden="true">
          <Skeleton />
          <Skeleton />
          <Skeleton className="short" />
        </div>
      </header>
      <div className="connection-list" aria-hidden="true">
        <Skeleton className="skeleton-card" />
        <Skeleton className="skeleton-card" />
      </div>
    </div>
  );
}
