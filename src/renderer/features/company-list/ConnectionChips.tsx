import type { Company } from '@shared/codat/schemas';
import {
  connectionStatusExplanation,
  connectionStatusLabel,
  connectionStatusLook,
} from '@renderer/components/status/connection-status';

/** One chip per connection: platform name and Codat's status word, explained on hover. */
export function ConnectionChips({ company }: { company: Company }) {
  const connections = company.dataConnections ?? [];
  if (connections.length === 0) return <span className="no-connections">No connections</span>;
  return (
    <span className="connection-chips">
      {connections.map((connection) => {
        const { Icon, tone } = connectionStatusLook(connection);
        const label = connectionStatusLabel(connection);
        return (
          <span
            key={connection.id}
            className="connection-chip"
            data-tone={tone}
            title={`${connection.platformName}: ${label}. ${connectionStatusExplanation(connection)}`}
          >
            <span className="connection-platform">{connection.platformName}</span>
            <span className="connection-status">
              <Icon aria-hidden="true" focusable="false" size={13} strokeWidth={2.25} />
              {/* The colon keeps "Xero: Linked" one phrase for screen readers reading the row. */}
              <span className="visually-hidden">: </span>
              {label}
            </span>
          </span>
        );
      })}
    </span>
  );
}
