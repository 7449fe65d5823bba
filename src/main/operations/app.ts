import type { AppInfoService } from '../services/app-info';
import type { AreaHandlers } from './types';

export function appOperations(appInfo: AppInfoService): AreaHandlers<'app'> {
  return { 'app.info': () => appInfo.info() };
}
