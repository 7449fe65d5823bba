/** How long the cached logos and buttons are trusted, and how much disk they may take. */
import { useId } from 'react';
import { brandingSettingsSchema, type BrandingSettings } from '@shared/contract';
import { defaultBrandingSettings } from '@shared/settings-defaults';
import { NumberSettingsForm, rangeOf } from '@renderer/components/NumberSettingsForm';
import { useBrandingSettings } from './useSettings';

type Field = keyof BrandingSettings;

const fields: ReadonlyArray<{ name: Field; label: string; unit: string; hint: string }> = [
  {
    name: 'ttlDays',
    label: 'Time to live (days)',
    unit: 'days',
    hint: 'After this many days the cached branding is still shown, and fetched again in the background.',
  },
  {
    name: 'maxMegabytes',
    label: 'Size limit (MB)',
    unit: 'MB',
    hint: 'Past this size the least recently used images are removed first.',
  },
];

const formFields = fields.map((field) => {
  const range = rangeOf(brandingSettingsSchema.shape[field.name]);
  return { ...field, ...range, hint: `${field.hint} From ${range.min} to ${range.max}.` };
});

function problemWith(field: (typeof formFields)[number], text: string): string | null {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) {
    return `Enter a whole number of ${field.unit}, such as ${defaultBrandingSettings[field.name]}.`;
  }
  if (!Number.isInteger(value)) return `Use a whole number of ${field.unit}, without decimals.`;
  if (value < field.min || value > field.max) return `Use from ${field.min} to ${field.max} ${field.unit}.`;
  return null;
}

export function BrandingCacheSettings() {
  const headingId = useId();
  const settings = useBrandingSettings();
  return (
    <section className="card wide" aria-labelledby={headingId}>
      <h2 id={headingId}>Branding cache</h2>
      <p className="field-hint section-intro">
        Platform logos and buttons are kept on this computer so the Integrations page and its customer preview work
        offline; after the time to live they are still shown while fresh copies are fetched in the background, and past
        the size limit the least recently used images are removed first.
      </p>
      <NumberSettingsForm
        fields={formFields}
        whole
        load={settings.load}
        save={settings.save}
        problemWith={problemWith}
        words={{
          loading: 'Reading the branding cache settings…',
          loadFailed: 'Could not read the branding cache settings.',
          save: 'Save branding cache settings',
          saved: 'Saved. The new time to live and size limit apply from now on.',
          saveFailed: 'Could not save the branding cache settings.',
        }}
        statusClassName="success-message"
      />
    </section>
  );
}
