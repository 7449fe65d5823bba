/** When the scan calls something a problem: four numbers, kept by main, applied by the next scan. */
import { memo } from 'react';
import { healthThresholdsSchema, type HealthThresholds } from '@shared/domain/health/model';
import { defaultThresholds } from '@shared/settings-defaults';
import { NumberSettingsForm, rangeOf, type NumberField } from '@renderer/components/NumberSettingsForm';
import { numberFormat } from './health-format';
import { useThresholds } from './useThresholds';

type Field = keyof HealthThresholds;

const fields: ReadonlyArray<{ name: Field; label: string; unit: 'hours' | 'days'; hint: string }> = [
  {
    name: 'pendingAuthHours',
    label: 'Pending authorisation after (hours)',
    unit: 'hours',
    hint: 'A connection still waiting for the customer to authorise after this long is flagged.',
  },
  {
    name: 'syncStuckHours',
    label: 'Sync stuck after (hours)',
    unit: 'hours',
    hint: 'A sync still in progress after this long is stuck, or its desktop connector is not running.',
  },
  {
    name: 'staleDays',
    label: 'Stale after (days)',
    unit: 'days',
    hint: 'No successful sync for this long risks the platform token expiring.',
  },
  {
    name: 'closerLookHours',
    label: 'Look closer after (hours)',
    unit: 'hours',
    hint: 'Linked connections not synced for this long get a closer look (one or two more requests each).',
  },
];

const formFields: ReadonlyArray<NumberField<Field> & { unit: string }> = fields.map((field) => ({
  ...field,
  ...rangeOf(healthThresholdsSchema.shape[field.name]),
}));

function problemWith(field: (typeof formFields)[number], text: string): string | null {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) {
    return `Enter a number of ${field.unit}, such as ${numberFormat.format(defaultThresholds[field.name])}.`;
  }
  if (value < field.min || value > field.max) {
    return `Use from ${numberFormat.format(field.min)} to ${numberFormat.format(field.max)} ${field.unit}.`;
  }
  return null;
}

/** Memoised: it has no props, so the scan's progress (re-rendering the panel around it) leaves it alone. */
export const ThresholdsForm = memo(function ThresholdsForm() {
  const thresholds = useThresholds();
  return (
    <details className="thresholds">
      <summary>Thresholds</summary>
      <div className="thresholds-body">
        <p className="field-hint">
          When the scan calls a connection a problem. Changes apply from the next scan: scan all companies again to see
          them.
        </p>
        <NumberSettingsForm
          fields={formFields}
          whole={false}
          load={thresholds.load}
          save={thresholds.save}
          problemWith={problemWith}
          words={{
            loading: 'Reading the thresholds…',
            loadFailed: 'Could not read the thresholds',
            save: 'Save thresholds',
            saved: 'Saved. Scan all companies again to apply them.',
            saveFailed: 'Could not save the thresholds',
          }}
          formClassName="thresholds-form"
          fieldsClassName="thresholds-fields"
          statusClassName="thresholds-status"
        />
      </div>
    </details>
  );
});
