/** One platform in the catalogue: every piece of its cached branding, its key and what Codat says about it. */
import { CircleCheck, CircleSlash, FlaskConical, ImageOff, Info, MonitorDown } from 'lucide-react';
import { memo, useId } from 'react';
import type { CachedImage, IntegrationCard } from '@shared/contract';
import { Skeleton } from '@renderer/components/Skeleton';
import { isIntuit, sourceTypeOf } from './integrations-format';

/** A cached image at a fixed size (so nothing jumps as it loads), or a neutral placeholder saying what is missing. */
export function CachedImg({
  image,
  width,
  height,
  missing,
  className,
  alt,
}: {
  image: CachedImage | null;
  width: number;
  height: number;
  missing: string;
  className: string;
  /** Overrides the cache's alt text ('' for an image its neighbour already names). */
  alt?: string;
}) {
  if (!image) {
    return (
      <span className={`${className} image-missing`}>
        <ImageOff aria-hidden="true" size={14} />
        {missing}
      </span>
    );
  }
  return <img className={className} src={image.src} alt={alt ?? image.alt} width={width} height={height} />;
}

export const IntegrationTile = memo(function IntegrationTile({ card }: { card: IntegrationCard }) {
  const nameId = useId();
  const { logoFull, logoSquare, buttonDefault, buttonHover } = card.branding;
  return (
    <li className="integration-tile-item">
      <article className="integration-tile" aria-labelledby={nameId} data-enabled={card.enabled}>
        <header className="tile-head">
          <CachedImg className="tile-square" image={logoSquare} width={40} height={40} missing="No square logo" />
          <div className="tile-title">
            <h2 id={nameId}>{card.name}</h2>
            <p className="tile-meta">
              <code className="tile-key" title="Codat's platform key">
                {card.key}
              </code>
              <span aria-hidden="true"> · </span>
              <span className="visually-hidden">, source type </span>
              <span>{sourceTypeOf(card)}</span>
            </p>
          </div>
        </header>

        <div className="tile-swatch tile-full">
          <CachedImg className="tile-full-image" image={logoFull} width={240} height={48} missing="No full logo" />
        </div>

        <div className="tile-buttons">
          {[
            { caption: 'Button', image: buttonDefault, missing: 'No button' },
            { caption: 'Hover', image: buttonHover, missing: 'No hover button' },
          ].map(({ caption, image, missing }) => (
            <figure key={caption}>
              <figcaption>{caption}</figcaption>
              <div className="tile-swatch">
                <CachedImg className="tile-button-image" image={image} width={200} height={36} missing={missing} />
              </div>
            </figure>
          ))}
        </div>

        <ul className="tile-badges" aria-label={`About ${card.name}`}>
          {card.enabled ? (
            <li className="badge badge-enabled" title="Customers can choose it when they link">
              <CircleCheck aria-hidden="true" size={14} /> Enabled
            </li>
          ) : (
            <li className="badge badge-disabled" title="Not offered to customers: enable it in Codat's portal">
              <CircleSlash aria-hidden="true" size={14} /> Disabled
            </li>
          )}
          {card.isBeta && (
            <li className="badge badge-beta" title="Codat offers this integration as a beta">
              <FlaskConical aria-hidden="true" size={14} /> Beta
            </li>
          )}
          {card.isOfflineConnector && (
            <li className="badge badge-offline" title="The customer installs Codat's desktop connector to link it">
              <MonitorDown aria-hidden="true" size={14} /> Offline connector
            </li>
          )}
        </ul>

        {isIntuit(card) && (
          <p className="tile-intuit">
            <Info aria-hidden="true" size={14} />
            Intuit requires its own branded button
          </p>
        )}
        {card.brandingNote && <p className="tile-note">{card.brandingNote}</p>}
      </article>
    </li>
  );
});

export function SkeletonTile() {
  return (
    <li className="integration-tile-item" aria-hidden="true">
      <div className="integration-tile skeleton-tile">
        <div className="tile-head">
          <Skeleton className="tile-square" />
          <div className="tile-title">
            <Skeleton className="skeleton-line" />
            <Skeleton className="skeleton-line short" />
          </div>
        </div>
        <Skeleton className="tile-full" />
        <div className="tile-buttons">
          <Skeleton className="skeleton-button" />
          <Skeleton className="skeleton-button" />
        </div>
        <Skeleton className="skeleton-line short" />
      </div>
    </li>
  );
}
