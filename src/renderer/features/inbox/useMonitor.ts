/**
 * The monitor as the Inbox shows it: its status (last round, next round, budget used today), "Check now", and
 * the progress of a round (`monitor.progress`) until it ends.
 */
import { useEffect, useRef, useState } from 'react';
import type { MonitorRound, MonitorStatus } from '@shared/domain/inbox';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';

export function useMonitor() {
  const [status, setStatus] = useState<MonitorStatus | null>(null);
  const [statusError, setStatusError] = useState<BridgeError | null>(null);
  /** The round this page asked for (or one already running), as it goes and once it has ended. */
  const [round, setRound] = useState<MonitorRound | null>(null);
  const [failure, setFailure] = useState<BridgeError | null>(null);
  const [starting, setStarting] = useState(false);
  const roundId = useRef<string | null>(null);
  /** The latest progress of the last few rounds: a quick round can end before "Check now" is answered. */
  const latest = useRef(new Map<string, MonitorRound>());

  const readStatus = async () => {
    const result = await linkdesk.monitor.status();
    if (result.ok) {
      setStatus(result.value);
      setStatusError(null);
      // A round already under way (on its own, or asked for before the page opened) is shown as it goes.
      if (result.value.round?.state === 'running' && roundId.current === null) {
        roundId.current = result.value.round.roundId;
        setRound(result.value.round);
      }
    } else setStatusError(result.error);
  };

  useEffect(() => {
    void readStatus();
    const offProgress = linkdesk.on('monitor.progress', (progress) => {
      latest.current.delete(progress.roundId);
      latest.current.set(progress.roundId, progress);
      if (latest.current.size > 5) latest.current.delete(latest.current.keys().next().value as string);
      if (roundId.current === null && progress.state === 'running') roundId.current = progress.roundId;
      if (progress.roundId === roundId.current) setRound(progress);
      // The line at the top follows every round, and its end moves "next round" on.
      if (progress.state !== 'running') void readStatus();
      else setStatus((current) => (current ? { ...current, round: progress } : current));
    });
    const offProfile = linkdesk.on('profiles.changed', () => {
      roundId.current = null;
      setRound(null);
      void readStatus();
    });
    // Paused or resumed elsewhere (the tray): "next round" and whether monitoring is on change with it.
    const offSettings = linkdesk.on('monitor.settingsChanged', () => void readStatus());
    return () => {
      offProgress();
      offProfile();
      offSettings();
    };
  }, []);

  const checkNow = async () => {
    if (starting || round?.state === 'running') return;
    setStarting(true);
    setFailure(null);
    const result = await linkdesk.monitor.checkNow();
    setStarting(false);
    if (!result.ok) {
      setFailure(result.error);
      return;
    }
    roundId.current = result.value.roundId;
    // Progress may have overtaken the answer (a quick round ends first): keep the further of the two.
    const seen = latest.current.get(result.value.roundId);
    setRound(seen && seen.state !== 'running' ? seen : result.value);
  };

  return { status, statusError, round, failure, starting, checkNow, readStatus };
}
