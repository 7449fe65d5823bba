import { useCallback } from 'react';
import type { Result } from '@shared/result';
import { linkdesk } from '@renderer/api';

/**
 * Opens a link (https, or a mailto: for an invite) outside the console: main opens it in Electron; in the browser
 * console main only checks it and this page opens it, in a new tab.
 */
export function useOpenExternal() {
  return useCallback(async (url: string): Promise<Result<void>> => {
    const result = await linkdesk.system.openExternal({ url });
    if (!result.ok) return result;
    if (result.value.by === 'browser') window.open(result.value.url, '_blank', 'noopener,noreferrer');
    return { ok: true, value: undefined };
  }, []);
}
