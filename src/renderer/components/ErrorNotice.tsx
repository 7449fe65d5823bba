import type { BridgeError } from '@shared/result';
import { CopyButton } from './CopyButton';

/** What went wrong, in Codat's or our words, with the correlationId support will ask for. */
export function ErrorNotice({ error, title }: { error: BridgeError; title?: string }) {
  return (
    <div className="error-notice" role="alert">
      {title && <p className="error-title">{title}</p>}
      <p>{error.message}</p>
      {error.details && error.details.length > 0 && (
        <ul>
          {error.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
      {error.correlationId && (
        <p className="correlation">
          Correlation ID <code>{error.correlationId}</code>{' '}
          <CopyButton text={error.correlationId} label="Copy correlation ID" />
        </p>
      )}
    </div>
  );
}
