import type { Environment } from '@renderer/stores/app-store';

/** Said plainly in every confirmation on a Production profile. */
export function ProductionWarning({ environment }: { environment: Environment }) {
  if (environment !== 'production') return null;
  return (
    <p className="production-warning" role="note">
      <strong>Production:</strong> this acts on a real customer’s live connection.
    </p>
  );
}
