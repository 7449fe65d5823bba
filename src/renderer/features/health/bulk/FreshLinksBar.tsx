import { Link2 } from 'lucide-react';
import type { Ref } from 'react';
import { useEnvironment } from '@renderer/stores/app-store';
import { numberFormat } from '../health-format';

/**
 * The bar at the bottom of the issues while rows are selected: sticky to the window's bottom edge, laid out after
 * the list, so appearing moves nothing above it (nothing under the pointer).
 */
export function FreshLinksBar(props: {
  count: number;
  busy: boolean;
  onCreate(): void;
  onClear(): void;
  buttonRef: Ref<HTMLButtonElement>;
}) {
  const environment = useEnvironment();
  return (
    <div className="fresh-links-bar" role="region" aria-label="Selected issues">
      <p className="fresh-links-count">
        {numberFormat.format(props.count)} {props.count === 1 ? 'connection' : 'connections'} selected
      </p>
      {environment === 'production' && (
        <p className="fresh-links-production" role="note">
          <strong>Production:</strong> these links go to real customers.
        </p>
      )}
      <button type="button" className="button" onClick={props.onClear}>
        Clear selection
      </button>
      <button
        ref={props.buttonRef}
        type="button"
        className="button button-primary"
        disabled={props.busy}
        onClick={props.onCreate}
      >
        <Link2 aria-hidden="true" size={14} />
        Create fresh links
      </button>
    </div>
  );
}
