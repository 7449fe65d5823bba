import { useState } from 'react';
import { usePageRequest } from '@renderer/stores/app-store';
import { auditActionLabels, auditActions, type AuditAction } from '@shared/domain/audit';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field } from '@renderer/components/Field';
import { FilterForm } from '@renderer/components/FilterForm';
import { datedFileName } from '@renderer/lib/csv';
import { downloadCsv } from '@renderer/lib/download';
import { auditToCsv } from './audit-csv';
import { AuditTable } from './AuditTable';
import { useAuditLog, type AuditFilters } from './useAuditLog';
import './audit.css';

/** Every admin action taken from this console, newest first: filter, read, export. */
export function AuditPage() {
  const [filters, setFilters] = useState<AuditFilters>({ action: '', company: '', from: '', to: '' });
  const { records, warnings, failure, upToDate } = useAuditLog(filters);
  const filter = (change: Partial<AuditFilters>) => setFilters((current) => ({ ...current, ...change }));
  // "Audit for this company" from the command palette.
  usePageRequest('auditForCompany', ({ company }) => setFilters({ action: '', company, from: '', to: '' }));
  const filtered = Object.values(filters).some((value) => value !== '');

  return (
    <div className="audit-page">
      <FilterForm className="audit-filters" label="Filter the audit log">
        <Field label="Action">
          {(control) => (
            <select
              {...control}
              value={filters.action}
              onChange={(event) => filter({ action: event.target.value as AuditAction | '' })}
            >
              <option value="">All actions</option>
              {auditActions.map((name) => (
                <option key={name} value={name}>
                  {auditActionLabels[name]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Company">
          {(control) => (
            <input
              {...control}
              value={filters.company}
              onChange={(event) => filter({ company: event.target.value })}
              placeholder="Name or ID"
            />
          )}
        </Field>
        <Field label="From">
          {(control) => (
            <input
              {...control}
              type="date"
              value={filters.from}
              onChange={(event) => filter({ from: event.target.value })}
            />
          )}
        </Field>
        <Field label="To">
          {(control) => (
            <input
              {...control}
              type="date"
              value={filters.to}
              onChange={(event) => filter({ to: event.target.value })}
            />
          )}
        </Field>
        <button
          type="button"
          className="button"
          // Never the records of the filters before: wait until the list answers these.
          disabled={!records || records.length === 0 || !upToDate}
          onClick={() => records && upToDate && downloadCsv(auditToCsv(records), datedFileName('audit'))}
        >
          Export CSV
        </button>
      </FilterForm>
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
          <h2>{filtered ? 'No action matches these filters.' : 'No admin action has been taken yet.'}</h2>
          <p>
            Creating companies and connections, unlinking, deleting, refreshing data, composing invites and adding or
            removing profiles are all recorded here.
          </p>
        </section>
      )}
      {records && records.length > 0 && (
        <div aria-busy={!upToDate}>
          <AuditTable records={records} />
        </div>
      )}
    </div>
  );
}
