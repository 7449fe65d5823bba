import { useTemporaryRoot } from './temporary-root';

export default function globalSetup() {
  return useTemporaryRoot('vitest-run');
}
