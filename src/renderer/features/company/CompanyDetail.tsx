/**
 * One company, loaded: its links, its connections, connecting a platform, handing over the link and watching it
 * link; below, for customer success, the investigation tabs. The destructive actions come from `actions`.
 */
import { Plus } from 'lucide-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Company, Connection } from '@shared/codat/schemas';
import type { IntegrationCard } from '@shared/contract';
import { checkCanConnect } from '@shared/domain/connections';
import { CopyButton } from '@renderer/components/CopyButton';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { useNow } from '@renderer/hooks/useNow';
import { formatDateTime } from '@renderer/lib/format';
import { singleKey, withShortcut } from '@renderer/lib/shortcuts';
import { useAppStore } from '@renderer/stores/app-store';
import { useCommands, type Command } from '@renderer/stores/commands';
import { ageInWords } from '@renderer/lib/format';
import { BackToSearch } from './BackToSearch';
import { canHandOver, ConnectionCard } from './connections/ConnectionCard';
import { PlatformPicker } from './connections/PlatformPicker';
import { useCreateConnection } from './connections/useCreateConnection';
import { usePlatforms } from './connections/usePlatforms';
import { DiagnosticReportActions } from './DiagnosticReport';
import { HandOverPanel } from './handover/HandOverPanel';
import { useHandOver } from './handover/useHandOver';
import { InvestigatePanel } from './investigate/InvestigatePanel';
import { ToastRegion } from './Toasts';
import { useCompanyConnections } from './useCompany';
import { useNotifications } from './useNotifications';

const highlightMs = 2_500;
/** The company view's single-key shortcut for its first step (the hand-over panel has L and I). */
export const connectShortcut = singleKey('c');

/** What other features add to the company view (its rare, destructive actions), so that it need not know them. */
export interface CompanyViewActions {
  /** In the header: actions on the company. */
  company(company: Company): ReactNode;
  /** On each connection's card: actions on it; `onChanged` reloads the connections afterwards. */
  connection(company: Company, connection: Connection, onChanged: () => void): ReactNode;
}

export function CompanyDetail(props: { company: Company; actions: CompanyViewActions | undefined }) {
  const { actions } = props;
  const { company, connections, upsertConnection, reloadConnections, reloadError } = useCompanyConnections(
    props.company,
  );
  const companyId = company.id;
  const { integrations, reload: reloadIntegrations, logoFor } = usePlatforms();
  const [pickerOpen, setPickerOpen] = useState(false);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  // A deep link or a pasted connection ID points at one connection: show it.
  const routeConnectionId = useAppStore((state) => state.connectionId);
  useEffect(() => {
    if (routeConnectionId) setHighlighted(routeConnectionId);
  }, [routeConnectionId]);
  const connectRef = useRef<HTMLButtonElement>(null);
  const { toasts, dismiss: dismissToast, notify, say } = useNotifications();
  const handOver = useHandOver({ company, connections, upsertConnection });
  const now = useNow(30_000);

  // Arriving at a company (opened, or just created), the keyboard is on its first step, unless the user has
  // already put it somewhere.
  useEffect(() => {
    const focused = document.activeElement;
    const nothingFocused = !focused || focused === document.body || focused.id === 'main-content';
    if (nothingFocused) connectRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!highlighted) return;
    const timer = setTimeout(() => setHighlighted(null), highlightMs);
    return () => clearTimeout(timer);
  }, [highlighted]);

  const onCreated = (connection: Connection) => {
    upsertConnection(connection);
    setPickerOpen(false);
    handOver.begin(connection);
  };
  // "Connect Xero…" from the command palette: straight to the hand-over, as a click in the picker would.
  const direct = useCreateConnection(companyId, onCreated);

  const copyCompanyText = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      say(`${what} copied`);
    } catch {
      say(`Could not copy the ${what.toLowerCase()}: select it on the page instead.`);
    }
  };
  const group = 'This company';
  const commands: Command[] = [
    {
      id: 'connect',
      label: 'Connect platform…',
      group,
      rank: 0,
      keywords: ['link', 'new connection', 'add'],
      key: connectShortcut.aria.toLowerCase(),
      run: () => setPickerOpen(true),
    },
    ...(integrations.status === 'ready' ? integrations.integrations : [])
      .filter((integration) => integration.enabled)
      .map((integration): Command => connectCommand(integration, connections, group, direct.create)),
    ...connections.filter(canHandOver).map((connection): Command => ({
      id: `hand-over:${connection.id}`,
      label: `Hand over the ${connection.platformName} link`,
      group,
      rank: 1,
      keywords: ['link', 'copy', 'invite'],
      run: () => void handOver.beginFromCard(connection),
    })),
    {
      id: 'copy-company-link',
      label: 'Copy company link',
      group,
      rank: 2,
      keywords: ['hosted link', 'redirect', 'url'],
      run: () => void copyCompanyText(company.redirect, 'Company link'),
    },
    {
      id: 'copy-company-id',
      label: 'Copy company ID',
      group,
      rank: 3,
      run: () => void copyCompanyText(company.id, 'Company ID'),
    },
    {
      id: 'audit-company',
      label: 'Audit for this company',
      group,
      keywords: ['log', 'history', 'trail'],
      run: () => useAppStore.getState().request('audit', { kind: 'auditForCompany', company: company.id }),
    },
  ];
  useCommands(commands);

  const shown = handOver.handOver;
  const handOverConnection = shown && connections.find((connection) => connection.id === shown.connectionId);

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
        <dl className="facts company-facts">
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
          {/* With the connections as shown now (one may have been added since the company was read). */}
          {actions?.company({ ...company, dataConnections: connections })}
        </div>
      </header>

      {shown && handOverConnection && (
        <HandOverPanel
          key={`${shown.connectionId}-${shown.startedAt}`}
          companyId={companyId}
          companyName={company.name}
          connection={handOverConnection}
          logo={logoFor(handOverConnection)}
          handOver={shown}
          onLinkChange={handOver.changeLink}
          onLinkUsed={handOver.markLinkUsed}
          onConnection={upsertConnection}
          onClose={() => {
            handOver.end();
            connectRef.current?.focus();
          }}
          notify={notify}
          focusRequests={handOver.focusRequests}
        />
      )}

      <section className="connections" aria-labelledby="connections-heading">
        <div className="section-header">
          <h2 id="connections-heading">Connections</h2>
          <button
            ref={connectRef}
            type="button"
            className="button button-primary"
            onClick={() => setPickerOpen(true)}
            aria-keyshortcuts={connectShortcut.aria}
            title={withShortcut('Connect platform', connectShortcut)}
          >
            <Plus aria-hidden="true" size={16} /> Connect platform
          </button>
        </div>
        {reloadError && <ErrorNotice error={reloadError} title="Could not reload the connections." />}
        {direct.creating && (
          <p className="progress" role="status">
            <span className="spinner" aria-hidden="true" /> Connecting {direct.creating.name}…
          </p>
        )}
        {direct.failure && (
          <ErrorNotice
            error={direct.failure.error}
            title={`Could not connect ${direct.failure.integration.name}. Use “Connect platform” to check and try again.`}
          />
        )}
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
                preparingHandOver={handOver.preparing === connection.id}
                handOverError={handOver.cardErrors[connection.id] ?? null}
                onHandOver={() => void handOver.beginFromCard(connection)}
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
          onRetryIntegrations={reloadIntegrations}
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

/** "Connect Xero…": listed once something is typed; refused here, with the reason, when the picker would refuse it. */
function connectCommand(
  integration: IntegrationCard,
  connections: readonly Connection[],
  group: string,
  create: (integration: IntegrationCard) => Promise<void>,
): Command {
  const check = checkCanConnect({ dataConnections: [...connections] }, integration.sourceType);
  return {
    id: `connect:${integration.key}`,
    label: `Connect ${integration.name}…`,
    group,
    keywords: [integration.key, integration.sourceType ?? ''],
    searchOnly: true,
    rank: 1,
    ...(check.allowed ? {} : { disabledReason: `Has an accounting connection: ${check.existing.platformName}` }),
    run: () => void create(integration),
  };
}
