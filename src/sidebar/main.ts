/**
 * The sidebar's entry point, bundled by scripts/build-addon.ts into sidebar.html: starts the
 * sidebar once the page (and any flag the server appended) has loaded.
 */
import { startSidebar } from './app';
import { callServer } from './rpc';

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => startSidebar(document, callServer));
} else {
  startSidebar(document, callServer);
}
