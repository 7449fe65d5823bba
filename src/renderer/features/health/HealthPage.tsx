/**
 * Health: scan every company for connections that need someone, then work through the findings grouped by
 * category, each with the next step, filtered to a queue and exported for a ticket.
 */
import './health.css';
import { usePageRequest } from '@renderer/stores/app-store';
import { IssuesSection } from './IssuesSection';
import { ScanPanel } from './ScanPanel';
import { ThresholdsForm } from './ThresholdsForm';
import { useHealthScan } from './useHealthScan';

export function HealthPage() {
  const health = useHealthScan();
  // "Scan all companies" from the command palette.
  usePageRequest('scan', () => health.start());
  const runningScanId = health.scan?.state === 'running' ? health.scan.scanId : null;
  return (
    <div className="health-page">
      <ScanPanel health={health}>
        <ThresholdsForm />
      </ScanPanel>
      <IssuesSection
        results={health.results}
        runningScanId={runningScanId}
        loading={health.loading}
        loadError={health.loadError}
        onRetry={health.reload}
      />
    </div>
  );
}
