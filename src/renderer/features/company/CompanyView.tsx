/**
 * One company, as used with the customer on the phone: its links, its connections, connecting a platform,
 * handing over the link (copy, open, invite) and watching until the customer has authorised and the first
 * sync has finished. Below, for customer success: the investigation tabs and the diagnostic report.
 */
import { ArrowLeft, Plus } from 'lucide-react';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Company, Connection } from '@shared/codat/schemas';
import { errorBaseline } from '@shared/domain/watch';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';
import { CopyButton } from '@renderer/components/CopyButton';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Skeleton } from '@renderer/components/Skeleton';
import { formatDateTime } from '@renderer/lib/format';
import { useNow } from '@renderer/hooks/useNow';
import { ageInWords } from './company-format';
import { ConnectionCard } from './connections/ConnectionCard';
import { DiagnosticReportActions } from './DiagnosticReport';
import type { HandOver, HandOverLink, LinkUse } from './handover/hand-over';
import { HandOverPanel } from './handover/HandOverPanel';
import { InvestigatePanel } from './investigate/InvestigatePanel';
import { PlatformPicker, type IntegrationsState } from './connections/PlatformPicker';
import { ToastRegion, useToasts } from './Toasts';
import './company.css';

type LoadState =
  { status: 'loading' } | { status: 'ready'; company: Company } | { status: 'failed'; error: BridgeError };

const highlightMs = 2_500;

/** What other features add to the company view (its rare, destructive actions), so that it need not know them. */
export interface CompanyViewActions {
  /** In the header: actions on the company. */
  company(company: Company): ReactNode;
  /** On each connection's card: actions on it; `onChanged` reloads the connections afterwards. */
  connection(company: Company, connection: Connection, onChanged: () => void): ReactNode;
}

export function CompanyView({ companyId, actions }: { companyId: string; actions?: CompanyViewActions }) {
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setLoad({ status: 'loading' });
    // Main answers from its short-lived cache when search has just fetched this company: one call on open.
    void linkdesk.companies.get({ companyId }).then((result) => {
      if (!current) return;
      setLoad(result.ok ? { status: 'ready', company: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [companyId, attempt]);

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
            <button type="button" className="button" onClick={() => setAttempt((count) => count + 1)}>
              Try again
            </button>
          </div>
        )}
      </div>
    );
  }
  return <LoadedCompany company={load.company} actions={actions} />;
}

function BackToSearch() {
  return (
    <a className="back-link" href="#/companies">
      <ArrowLeft aria-hidden="true" size={14} /> Back to search
    </a>
  );
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

function LoadedCompany({ company: loaded, actions }: { company: Company; actions: CompanyViewActions | undefined }) {
  const companyId = loaded.id;
  const [company, setCompany] = useState(loaded);
  const [connections, setConnections] = useState<Connection[]>(loaded.dataConnections ?? []);
  const [integrations, setIntegrations] = useState<IntegrationsState>({ status: 'loading' });
  const [pickerOpen, setPickerOpen] = useState(false);
  const [handOver, setHandOver] = useState<HandOver | null>(null);
  const [preparing, setPreparing] = useState<string | null>(null);
  const [cardErrors, setCardErrors] = useState<Record<string, BridgeError>>({});
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const [reloadError, setReloadError] = useState<BridgeError | null>(null);
  const [panelFocusRequests, setPanelFocusRequests] = useState(0);
  const connectRef = useRef<HTMLButtonElement>(null);
  const { toasts, push: pushToast, dismiss: dismissToast } = useToasts();
  const now = useNow(30_000);

  const loadIntegrations = useCallback(() => {
    setIntegrations({ status: 'loading' });
    void linkdesk.integrations.list().then((result) =>
      setIntegrations(
        result.ok
          ? {
              status: 'ready',
              integrations: result.value.integrations,
              cachedAt: result.value.cachedAt,
              offline: result.value.offline,
            }
          : { status: 'error', error: result.error },
      ),
    );
  }, []);
  // Logos for the cards and the picker's list (main keeps them, so this is cheap after the first time).
  useEffect(loadIntegrations, [loadIntegrations]);

  useEffect(() => {
    if (!highlighted) return;
    const timer = setTimeout(() => setHighlighted(null), highlightMs);
    return () => clearTimeout(timer);
  }, [highlighted]);

  const upsertConnection = useCallback((connection: Connection) => {
    setConnections((current) =>
      current.some((candidate) => candidate.id === connection.id)
        ? current.map((candidate) => (candidate.id === connection.id ? connection : candidate))
        : [...current, connection],
    );
  }, []);

  const notify = useCallback(
    (title: string, body: string) => {
      void linkdesk.system.notify({ title, body }).then((result) => {
        // The browser console has no desktop notifications: say it on the page instead.
        if (!result.ok || !result.value.shown) pushToast({ title, body });
      });
    },
    [pushToast],
  );

  const logoFor = (connection: Connection): string | null => {
    if (integrations.status !== 'ready') return null;
    const match = integrations.integrations.find(
      (integration) => integration.key === connection.integrationKey || integration.name === connection.platformName,
    );
    return match?.logo ?? null;
  };

  /** The link is shown: from now on the watch runs, and only errors after this moment are the customer's new attempt. */
  const beginHandOver = (connection: Connection) => {
    const at = Date.now();
    const mayHaveSynced =
      !!company.lastSync || connections.some((other) => other.status !== 'PendingAuth' || !!other.lastSync);
    setHandOver({
      connectionId: connection.id,
      startedAt: at,
      errorBaseline: errorBaseline(connection),
      needsSyncBaseline: mayHaveSynced,
      link: { url: connection.linkUrl, issuedAt: at, usedBy: null },
    });
  };

  const handOverFromCard = async (connection: Connection) => {
    if (preparing) return;
    if (handOver?.connectionId === connection.id) {
      // Already handed over: go back to its panel rather than start again.
      setPanelFocusRequests((count) => count + 1);
      return;
    }
    setPreparing(connection.id);
    setCardErrors(({ [connection.id]: _dropped, ...others }) => others);
    // Never hand over a link read earlier: it may have been used since (API-NOTES §7).
    const result = await linkdesk.connections.get({ companyId, connectionId: connection.id });
    setPreparing(null);
    if (!result.ok) {
      setCardErrors((current) => ({ ...current, [connection.id]: result.error }));
      return;
    }
    upsertConnection(result.value);
    beginHandOver(result.value);
  };

  const onCreated = (connection: Connection) => {
    upsertConnection(connection);
    setPickerOpen(false);
    beginHandOver(connection);
  };

  const reloadConnections = async () => {
    setReloadError(null);
    const result = await linkdesk.companies.get({ companyId, fresh: true });
    if (!result.ok) {
      setReloadError(result.error);
      return;
    }
    setCompany(result.value);
    setConnections(result.value.dataConnections ?? []);
  };

  const handOverConnection = handOver && connections.find((connection) => connection.id === handOver.connectionId);

  return (
    <div className="company-view">
      <BackToSearch />
      <header className="card company-header">
        <div className="company-title">
          <h1 id="page-title">{company.name}</h1>
          {company.created && (
            <span className="muted">
              Created{' '}
              <time dateTime={company.created} title={formatDateTime(company.created)}>
                {ageInWords(new Date(company.created).getTime(), now)}
              </time>
              {company.createdByUserName && ` by ${company.createdByUserName}`}
            </span>
          )}
        </div>
        {company.description && <p className="muted">{company.description}</p>}
        <dl className="company-facts">
          <dt>Company ID</dt>
          <dd>
            <code>{company.id}</code> <CopyButton text={company.id} label="Copy company ID" />
          </dd>
          <dt>Company link</dt>
          <dd>
            <code className="company-link" title="Hosted Link: the customer can pick and manage any platform there">
              {company.redirect}
            </code>{' '}
            <CopyButton text={company.redirect} label="Copy company link" />
          </dd>
        </dl>
        <div className="company-header-actions">
          <DiagnosticReportActions companyId={companyId} />
          {actions?.company(company)}
        </div>
      </header>

      {handOver && handOverConnection && (
        <HandOverPanel
          key={`${handOver.connectionId}-${handOver.startedAt}`}
          companyId={companyId}
          companyName={company.name}
          connection={handOverConnection}
          logo={logoFor(handOverConnection)}
          handOver={handOver}
          onLinkChange={(link: HandOverLink) => setHandOver((current) => current && { ...current, link })}
          onLinkUsed={(usedBy: LinkUse) =>
            setHandOver((current) =>
              // The customer's own attempt says more than "you copied it"; otherwise the first reason stands.
              current && (current.link.usedBy === null || usedBy === 'attempted')
                ? { ...current, link: { ...current.link, usedBy } }
                : current,
            )
          }
          onConnection={upsertConnection}
          onClose={() => {
            setHandOver(null);
            connectRef.current?.focus();
          }}
          notify={notify}
          focusRequests={panelFocusRequests}
        />
      )}

      <section className="connections" aria-labelledby="connections-heading">
        <div className="section-header">
          <h2 id="connections-heading">Connections</h2>
          <button ref={connectRef} type="button" className="button button-primary" onClick={() => setPickerOpen(true)}>
            <Plus aria-hidden="true" size={16} /> Connect platform
          </button>
        </div>
        {reloadError && <ErrorNotice error={reloadError} title="Could not reload the connections." />}
        {connections.length === 0 ? (
          <p className="card empty-connections">No connections yet. Connect the customer's platform.</p>
        ) : (
          <div className="connection-list">
            {connections.map((connection) => (
              <ConnectionCard
                key={connection.id}
                connection={connection}
                logo={logoFor(connection)}
                now={now}
                highlighted={highlighted === connection.id}
                preparingHandOver={preparing === connection.id}
                handOverError={cardErrors[connection.id] ?? null}
                onHandOver={() => void handOverFromCard(connection)}
                dangerActions={actions?.connection(company, connection, () => void reloadConnections())}
              />
            ))}
          </div>
        )}
      </section>

      <InvestigatePanel companyId={companyId} connections={connections} />

      {pickerOpen && (
        <PlatformPicker
          companyId={companyId}
          company={{ dataConnections: connections }}
          integrations={integrations}
          onRetryIntegrations={loadIntegrations}
          onCreated={onCreated}
          onShowExisting={(connectionId) => {
            setPickerOpen(false);
            setHighlighted(connectionId);
          }}
          onReloadConnections={() => void reloadConnections()}
          onClose={() => setPickerOpen(false)}
          returnFocusTo={connectRef}
        />
      )}

      <ToastRegion toasts={toasts} onDismiss={dismissToast} />
    </div>
  );
}
