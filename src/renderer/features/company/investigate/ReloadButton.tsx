import { RotateCw } from 'lucide-react';

/** "Reload" in a tab's toolbar: reads it from Codat again. `label` says what ("Reload history"). */
export function ReloadButton({ label, onClick, disabled }: { label: string; onClick(): void; disabled: boolean }) {
  return (
    <button type="button" className="button" onClick={onClick} disabled={disabled} aria-label={label}>
      <RotateCw aria-hidden="true" size={14} /> Reload
    </button>
  );
}
