/**
 * What the customer sees on Codat's platform selection page: the enabled integrations grouped by source type,
 * each as its branded button (Intuit's must be) or its logo and name, and "Powered by Codat" at the foot.
 * Presentational: the tiles do nothing, but hover and focus show each button's hover image.
 */
import { useId } from 'react';
import type { CachedImage, IntegrationCard } from '@shared/contract';
import { CachedImg } from './IntegrationTile';
import { groupBySourceType, previewHeading } from './integrations-format';

export function CustomerPreview({
  cards,
  poweredBy,
  noteId,
}: {
  /** The enabled integrations to show (already narrowed by the search, if any). */
  cards: IntegrationCard[];
  poweredBy: CachedImage | null;
  /** The "Preview only" explanation the tiles point to. */
  noteId: string;
}) {
  const titleId = useId();
  const groups = groupBySourceType(cards);
  return (
    <section className="device" aria-labelledby={titleId}>
      <div className="device-bar" aria-hidden="true">
        <span className="device-dots">
          <span />
          <span />
          <span />
        </span>
        <span className="device-address">Codat Link</span>
        <span className="device-tag">Preview only</span>
      </div>
      <div className="device-screen">
        <header className="device-header">
          <h2 id={titleId}>Connect your business software</h2>
          <p>Choose the platforms you use to share your data securely.</p>
        </header>
        {groups.length === 0 && (
          <p className="device-empty">
            No enabled integration matches the search, so the customer would see none here.
          </p>
        )}
        {groups.map(([type, items]) => (
          <PreviewGroup key={type} heading={previewHeading(type)} cards={items} noteId={noteId} />
        ))}
        <footer className="device-footer">
          {poweredBy ? (
            <img className="powered-by" src={poweredBy.src} alt="Powered by Codat" width={140} height={24} />
          ) : (
            <span className="powered-by-text">Powered by Codat</span>
          )}
        </footer>
      </div>
    </section>
  );
}

function PreviewGroup({ heading, cards, noteId }: { heading: string; cards: IntegrationCard[]; noteId: string }) {
  const headingId = useId();
  return (
    <section className="preview-group" aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      <ul className="preview-grid" role="list">
        {cards.map((card) => (
          <li key={card.key}>
            <PreviewTile card={card} noteId={noteId} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function PreviewTile({ card, noteId }: { card: IntegrationCard; noteId: string }) {
  const { logoFull, logoSquare, buttonDefault, buttonHover } = card.branding;
  return (
    <button
      type="button"
      className="preview-tile"
      data-kind={buttonDefault ? 'button' : 'logo'}
      // Named by its words where it shows them (a voice user says what they see); a branded button is only an image.
      aria-label={buttonDefault ? card.name : undefined}
      aria-disabled="true"
      aria-describedby={noteId}
      title={`${card.name} (preview only)`}
    >
      {buttonDefault ? (
        // Both states are rendered; CSS shows the hover one on :hover and :focus-visible.
        <span className="preview-art" data-has-hover={buttonHover !== null}>
          <img className="art-default" src={buttonDefault.src} alt="" width={220} height={40} />
          {buttonHover && <img className="art-hover" src={buttonHover.src} alt="" width={220} height={40} />}
        </span>
      ) : logoFull ? (
        <>
          <img className="preview-logo-full" src={logoFull.src} alt="" width={180} height={32} />
          <span className="preview-name">{card.name}</span>
        </>
      ) : (
        <>
          <CachedImg
            className="preview-logo-square"
            image={logoSquare}
            alt=""
            width={32}
            height={32}
            missing="No logo"
          />
          <span className="preview-name">{card.name}</span>
        </>
      )}
    </button>
  );
}
