import { useEffect, useState } from 'react';
import { linkdesk } from '@renderer/api';

/** The cache's time to live, for "older than 7 days"; null until known (or when it cannot be read). */
export function useCacheTtlDays(): number | null {
  const [ttlDays, setTtlDays] = useState<number | null>(null);
  useEffect(() => {
    let current = true;
    void linkdesk.integrations.cacheSettings().then((result) => {
      if (current && result.ok) setTtlDays(result.value.ttlDays);
    });
    return () => {
      current = false;
    };
  }, []);
  return ttlDays;
}
