/** "Codat will store: ACME Test (removes ( ))", so nobody is surprised by the name later. */

/** The hint's class: plain before anything is typed, a preview after, marked when Codat changes the name. */
export function namePreviewClass(typed: string, removed: readonly string[]): string | undefined {
  if (typed.trim() === '') return undefined;
  return removed.length === 0 ? 'name-preview' : 'name-preview changed';
}

export function NamePreview({ typed, name, removed }: { typed: string; name: string; removed: readonly string[] }) {
  if (typed.trim() === '') {
    return <>Codat stores it as the company name. Letters, digits, spaces and - &apos; , &amp; @ . ? ! are kept.</>;
  }
  if (removed.length === 0) return <>Codat will store it as typed.</>;
  return (
    <>
      Codat will store: <strong className="stored-name">{name || '(nothing)'}</strong>{' '}
      <span className="removed-characters">
        (removes{' '}
        {removed.map((character, index) => (
          <span key={character}>
            {index > 0 && ' '}
            <code>{character}</code>
          </span>
        ))}
        )
      </span>
    </>
  );
}
