import { useEffect, useState } from 'react';

/** The current time, re-rendered every `intervalMs` (a timeout chain; stops on unmount or when disabled). */
export function useNow(intervalMs: number, enabled = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      setNow(Date.now());
      timer = setTimeout(tick, intervalMs);
    };
    timer = setTimeout(tick, intervalMs);
    return () => clearTimeout(timer);
  }, [intervalMs, enabled]);
  return now;
}
