/**
 * The diagnostic report for a support ticket (diagnosis.report): copied straight to the clipboard, or shown
 * in a dialog to copy by hand when the clipboard is refused. Read only on request: it costs Codat requests.
 */
import { ClipboardCopy, FileText } from 'lucide-react';
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { ActionButton } from '@renderer/components/ActionButton';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Modal } from '@renderer/components/Modal';
import { useCommands } from '@renderer/stores/commands';
import { useDiagnosticReport, type DiagnosticReport as Report } from './useDiagnosticReport';

export function DiagnosticReportActions({ companyId }: { companyId: string }) {
  const [busy, setBusy] = useState<'copy' | 'show' | null>(null);
  const [message, setMessage] = useState('');
  const diagnosticReport = useDiagnosticReport(companyId);
  const [shown, setShown] = useState<Report | null>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  const showRef = useRef<HTMLButtonElement>(null);
  const [returnTo, setReturnTo] = useState<'copy' | 'show'>('show');

  const read = (): Promise<Report | null> => {
    setMessage('');
    return diagnosticReport.read();
  };

  const copy = async () => {
    setBusy('copy');
    const report = await read();
    setBusy(null);
    if (!report) return;
    try {
      await navigator.clipboard.writeText(report.markdown);
      setMessage('Diagnostic report copied');
    } catch {
      // Refused (no permission, or the page lost focus): show it so it can be copied by hand.
      setMessage('The clipboard refused the report: it is shown so you can copy it by hand.');
      setReturnTo('copy');
      setShown(report);
    }
  };

  useCommands([
    {
      id: 'copy-diagnostic-report',
      label: 'Copy diagnostic report',
      group: 'This company',
      keywords: ['support', 'ticket', 'markdown'],
      run: () => void copy(),
    },
    {
      id: 'show-diagnostic-report',
      label: 'Show diagnostic report',
      group: 'This company',
      keywords: ['support', 'ticket'],
      run: () => void show(),
    },
  ]);

  const show = async () => {
    setBusy('show');
    const report = await read();
    setBusy(null);
    if (!report) return;
    setReturnTo('show');
    setShown(report);
  };

  return (
    <div className="report-actions">
      <div className="form-actions">
        <ActionButton
          Icon={ClipboardCopy}
          busy={busy === 'copy'}
          ref={copyRef}
          onClick={() => void copy()}
          disabled={busy !== null}
          aria-busy={busy === 'copy' || undefined}
        >
          Copy diagnostic report
        </ActionButton>
        <ActionButton
          Icon={FileText}
          busy={busy === 'show'}
          ref={showRef}
          onClick={() => void show()}
          disabled={busy !== null}
          aria-busy={busy === 'show' || undefined}
        >
          Show diagnostic report
        </ActionButton>
        <span className="action-message" role="status">
          {busy ? 'Building the report from Codat…' : message}
        </span>
      </div>
      {diagnosticReport.error && (
        <ErrorNotice error={diagnosticReport.error} title="Could not build the diagnostic report." />
      )}
      {shown && (
        <ReportDialog
          report={shown}
          onClose={() => setShown(null)}
          returnFocusTo={returnTo === 'copy' ? copyRef : showRef}
        />
      )}
    </div>
  );
}

function ReportDialog(props: { report: Report; onClose(): void; returnFocusTo: RefObject<HTMLElement | null> }) {
  const { report, onClose, returnFocusTo } = props;
  const textId = useId();
  const hintId = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [copyState, setCopyState] = useState('');
  // All of it selected on open: copying by hand is then one keystroke.
  useEffect(() => textRef.current?.select(), []);

  const copyAgain = async () => {
    try {
      await navigator.clipboard.writeText(report.markdown);
      setCopyState('Diagnostic report copied');
    } catch {
      // Select it all so Ctrl/Cmd+C is all that is left to do.
      textRef.current?.focus();
      textRef.current?.select();
      setCopyState('The clipboard refused: the text is selected, press Ctrl+C (Cmd+C on a Mac).');
    }
  };

  return (
    <Modal
      title="Diagnostic report"
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      initialFocus={textRef}
      className="report-dialog"
    >
      <div className="modal-body report-body">
        <label htmlFor={textId} className="visually-hidden">
          Diagnostic report
        </label>
        <p id={hintId} className="field-hint">
          Markdown for a support ticket: ids, statuses, Codat’s errors and Linkdesk’s reading. It holds no key.
        </p>
        <textarea
          ref={textRef}
          id={textId}
          readOnly
          rows={18}
          value={report.markdown}
          aria-describedby={hintId}
          spellCheck={false}
        />
        <div className="form-actions">
          <button type="button" className="button button-primary" onClick={() => void copyAgain()}>
            <ClipboardCopy aria-hidden="true" size={14} /> Copy report text
          </button>
          <button type="button" className="button" onClick={onClose}>
            Done
          </button>
          <span className="action-message" role="status">
            {copyState}
          </span>
        </div>
      </div>
    </Modal>
  );
}
