/** The audit records as a virtualised table in its own scrolling box: only the rows in view are rendered. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { auditActionLabels, type AuditRecord } from '@shared/domain/audit';
import { placeVirtualRow } from '@renderer/hooks/useVirtualRows';
import { formatDateTime, formatRelative } from '@renderer/lib/format';
import { useAppStore } from '@renderer/stores/app-store';

export function AuditTable({ records }: { records: AuditRecord[] }) {
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
        {/* The rows' own scrolling box, focusable so the keyboard can scroll it, is their rowgroup: a table may hold
            rows and rowgroups, nothing else, or screen readers lose the rows (axe aria-required-children). */}
        <div
          ref={scroller}
          className="audit-scroll"
          role="rowgroup"
          tabIndex={0}
          aria-label="Audit log entries (scroll)"
        >
          <div className="virtual-rows" style={{ height: virtualizer.getTotalSize() }}>
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
                        <CompanyName name={record.target.companyName ?? record.target.companyId} />
                      </button>
                    ) : (
                      // A create Codat refused has a name but no ID: still say which company it was.
                      <CompanyName name={record.target.companyName ?? record.target.profileName ?? '—'} />
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

/** A company's name in two lines at most (Codat allows very long ones); the whole name on hover and when read out. */
function CompanyName({ name }: { name: string }) {
  return (
    <span className="clamp-2" title={name}>
      {name}
    </span>
  );
}
