import { useEffect, useRef, useState } from 'react';
import type { Connection, DataConnectionError } from '@shared/codat/schemas';
import type { SyncProgress } from '@shared/domain/watch';
import { linkdesk } from '@renderer/api';
import { createConnectionWatcher, type ConnectionWatcher, type WatchSnapshot } from './connection-watcher';

export interface WatchTarget {
  companyId: string;
  connectionId: string;
  errorBaseline: readonly string[];
  needsSyncBaseline: boolean;
  /** When the link was first shown: the watch period counts from here. */
  startedAt: number;
}

export interface WatchHandlers {
  onConnection(connection: Connection): void;
  onLinked(connection: Connection): void;
  onSyncSettled(finished: SyncProgress[]): void;
  onNewErrors(errors: DataConnectionError[]): void;
}

/** Runs a connection watcher while the component is mounted, pausing it while the page is hidden. */
export function useConnectionWatch(target: WatchTarget, handlers: WatchHandlers) {
  const [snapshot, setSnapshot] = useState<WatchSnapshot | null>(null);
  const handlersRef = useRef(handlers);
  const targetRef = useRef(target);
  const watcherRef = useRef<ConnectionWatcher | null>(null);
  useEffect(() => {
    handlersRef.current = handlers;
    targetRef.current = target;
  });

  const { companyId, connectionId, startedAt } = target;
  useEffect(() => {
    const { errorBaseline, needsSyncBaseline } = targetRef.current;
    const watcher = createConnectionWatcher({
      getConnection: () => linkdesk.connections.get({ companyId, connectionId }),
      dataStatus: () => linkdesk.data.status({ companyId }),
      errorBaseline,
      needsSyncBaseline,
      checkedAt: startedAt,
      onSnapshot: setSnapshot,
      onConnection: (connection) => handlersRef.current.onConnection(connection),
      onLinked: (connection) => handlersRef.current.onLinked(connection),
      onSyncSettled: (finished) => handlersRef.current.onSyncSettled(finished),
      onNewErrors: (errors) => handlersRef.current.onNewErrors(errors),
      isHidden: () => document.visibilityState === 'hidden',
    });
    watcherRef.current = watcher;
    const onVisibility = () => watcher.visibilityChanged();
    document.addEventListener('visibilitychange', onVisibility);
    watcher.start();
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      watcher.stop();
      watcherRef.current = null;
    };
  }, [companyId, connectionId, startedAt]);

  return { snapshot, checkAgain: () => watcherRef.current?.resume() };
}
