import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { auditActionLabels, auditActions, type AuditAction, type AuditRecord } from '@shared/domain/audit';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { placeVirtualRow } from '@renderer/hooks/useVirtualRows';
import { datedFileName, toCsv, type CsvColumns } from '@renderer/lib/csv';
import { downloadCsv } from '@renderer/lib/download';
import { formatDateTime, formatRelative } from '@renderer/lib/format';
import { useAppStore } from '@renderer/stores/app-store';
import './audit.css';

const columns: CsvColumns<AuditRecord> = [
  ['Time', (record) => record.at],
  ['User', (record) => record.user],
  ['Profile', (record) => record.profile.name],
  ['Environment', (record) => record.profile.environment],
  ['API host', (record) => record.profile.host],
  ['Action', (record) => auditActionLabels[record.action]],
  ['Company', (record) => record.target.companyName ?? ''],
  ['Company ID', (record) => record.target.companyId ?? ''],
  ['Connection ID', (record) => record.target.connectionId ?? ''],
  ['Platform', (record) => record.target.platformName ?? ''],
  ['Data type', (record) => record.target.dataType ?? ''],
  ['Detail', (record) => record.detail ?? record.target.profileName ?? ''],
  [
    'Result',
    (record) =>
      record.result.ok ? 'OK' : `Failed: ${record.result.status ?? record.result.code} ${record.result.message}`,
  ],
  ['Correlation ID', (record) => (record.result.ok ? '' : (record.result.correlationId ?? ''))],
];

/** Every admin action taken from this console, newest first: filter, read, export. */
export function AuditPage() {
  const [action, setAction] = useState<AuditAction | ''>('');
  const [company, setCompany] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [records, setRecords] = useState<AuditRecord[] | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [failure, setFailure] = useState<BridgeError | null>(null);
  const ids = { action: useId(), company: useId(), from: useId(), to: useId() };

  useEffect(() => {
    let current = true;
    const timer = setTimeout(async () => {
      const result = await linkdesk.audit.list({
        ...(action ? { action } : {}),
        ...(company.trim() ? { company: company.trim() } : {}),
        ...(from ? { from: new Date(`${from}T00:00:00`).toISOString() } : {}),
        ...(to ? { to: new Date(`${to}T23:59:59.999`).toISOString() } : {}),
      });
      if (!current) return;
      if (result.ok) {
        setRecords(result.value.records);
        setWarnings(result.value.warnings);
        setFailure(null);
      } else setFailure(result.error);
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [action, company, from, to]);

  return (
    <div className="audit-page">
      <form
        className="audit-filters"
        role="search"
        aria-label="Filter the audit log"
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="field">
          <label htmlFor={ids.action}>Action</label>
          <select
            id={ids.action}
            value={action}
            onChange={(event) => setAction(event.target.value as AuditAction | '')}
          >
            <option value="">All actions</option>
            {auditActions.map((name) => (
              <option key={name} value={name}>
                {auditActionLabels[name]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.company}>Company</label>
          <input
            id={ids.company}
            value={company}
            onChange={(event) => setCompany(event.target.value)}
            placeholder="Name or ID"
          />
        </div>
        <div className="field">
          <label htmlFor={ids.from}>From</label>
          <input id={ids.from} type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>To</label>
          <input id={ids.to} type="date" value={to} onChange={(event) => setTo(event.target.value)} />
        </div>
        <button
          type="button"
          className="button"
          disabled={!records || records.length === 0}
          onClick={() => records && downloadCsv(toCsv(columns, records), datedFileName('audit'))}
        >
          Export CSV
        </button>
      </form>
      {warnings.map((warning) => (
        <p key={warning} className="field-hint warning" role="note">
          {warning}
        </p>
      ))}
      {failure && <ErrorNotice error={failure} title="The audit log could not be read." />}
      {!records && !failure && (
        <p className="loading-line" aria-busy="true">
          Reading the audit log…
        </p>
      )}
      {records && records.length === 0 && (
        <section className="empty-state" aria-label="No actions">
          <h2>
            {action || company || from || to
              ? 'No action matches these filters.'
              : 'No admin action has been taken yet.'}
          </h2>
          <p>
            Creating companies and connections, unlinking, deleting, refreshing data, composing invites and adding or
            removing profiles are all recorded here.
          </p>
        </section>
      )}
      {records && records.length > 0 && <AuditTable records={records} />}
    </div>
  );
}

function AuditTable({ records }: { records: AuditRecord[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  const openCompany = useAppStore((state) => state.openCompany);
  const virtualizer = useVirtualizer({
    count: records.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 56,
    overscan: 12,
  });
  const summary = useMemo(
    () => `${records.length} action${records.length === 1 ? '' : 's'}, newest first`,
    [records.length],
  );
  return (
    <section aria-label="Audit log entries">
      <p className="audit-count">{summary}</p>
      <div className="audit-table" role="table" aria-label="Audit log" aria-rowcount={records.length + 1}>
        <div className="audit-row audit-head" role="row" aria-rowindex={1}>
          {['When', 'Action', 'Target', 'Result', 'Who'].map((header) => (
            <span key={header} role="columnheader">
              {header}
            </span>
          ))}
        </div>
        <div ref={scroller} className="audit-scroll" tabIndex={0} aria-label="Audit log entries (scroll)">
          <div className="audit-rows" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const record = records[item.index]!;
              return (
                <div
                  key={record.id}
                  {...placeVirtualRow(virtualizer, item)}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className="audit-row"
                  data-ok={record.result.ok}
                >
                  <span role="cell" title={formatDateTime(record.at)}>
                    {formatRelative(record.at)}
                  </span>
                  <span role="cell">{auditActionLabels[record.action]}</span>
                  <span role="cell">
                    {record.target.companyId ? (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => openCompany(record.target.companyId!)}
                      >
                        {record.target.companyName ?? record.target.companyId}
                      </button>
                    ) : (
                      (record.target.profileName ?? '—')
                    )}
                    {record.target.platformName && (
                      <span className="audit-detail"> · {record.target.platformName}</span>
                    )}
                    {record.target.dataType && <span className="audit-detail"> · {record.target.dataType}</span>}
                    {record.detail && <span className="audit-detail"> · {record.detail}</span>}
                  </span>
                  <span role="cell">
                    {record.result.ok ? (
                      <span className="audit-ok">✓ OK</span>
                    ) : (
                      <span className="audit-failed">
                        ✗ Failed ({record.result.status ?? record.result.code}): {record.result.message}
                        {record.result.correlationId && (
                          <code className="audit-correlation"> {record.result.correlationId}</code>
                        )}
                      </span>
                    )}
                  </span>
                  <span
                    role="cell"
                    title={`${record.profile.name} · ${record.profile.environment} · ${record.profile.host}`}
                  >
                    {record.user}
                    <span className="audit-detail"> · {record.profile.name}</span>
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </section>
  );
}
