import type { ConnectivityMonitor } from '../services/connectivity';
import type { AreaHandlers } from './types';

export function codatOperations(connectivity: Pick<ConnectivityMonitor, 'check'>): AreaHandlers<'codat'> {
  // The page asks only at moments that matter (load, profile change, the picker opening): always probe.
  return { 'codat.checkConnectivity': () => connectivity.check(true) };
}
