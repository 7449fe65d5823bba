/** "Copy diagnostic report" for an issue's company: main builds it on request (it costs Codat requests). */
import { useState } from 'react';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';

export function useIssueReport(companyId: string) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<BridgeError | null>(null);
  /** The report, when the clipboard refused it: shown to copy by hand. */
  const [shown, setShown] = useState<string | null>(null);

  const copy = async () => {
    if (busy) return;
    setBusy(true);
    setMessage('');
    setError(null);
    setShown(null);
    const result = await linkdesk.diagnosis.report({ companyId });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    try {
      await navigator.clipboard.writeText(result.value.markdown);
      setMessage('Diagnostic report copied.');
    } catch {
      setMessage('The clipboard refused the report: it is shown below so you can copy it by hand.');
      setShown(result.value.markdown);
    }
  };

  return { busy, message, error, shown, copy };
}
