import { useState } from 'react';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';

export interface DiagnosticReport {
  markdown: string;
  readAt: number;
}

/** The diagnostic report for a support ticket, built by main on request (it costs Codat requests). */
export function useDiagnosticReport(companyId: string) {
  const [error, setError] = useState<BridgeError | null>(null);
  const read = async (): Promise<DiagnosticReport | null> => {
    setError(null);
    const result = await linkdesk.diagnosis.report({ companyId });
    if (!result.ok) {
      setError(result.error);
      return null;
    }
    return { markdown: result.value.markdown, readAt: Date.now() };
  };
  return { error, read };
}
