import type { WebContents } from 'electron';
import { blockedShortcut } from '../lockdown/browser-shortcuts.ts';
import { refuseNavigation, refuseWebview, refuseWindowOpen, type PolicyLog } from './navigation-policy.ts';

/** The WebContents surface the policies attach to (a fake with the same methods stands in for tests). */
export type PolicedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Every WebContents the app creates gets the same lockdown, so no later window or frame escapes it. */
export const applyContentsPolicies = (contents: PolicedContents, log: PolicyLog): void => {
  const navigation = refuseNavigation(log);
  contents.on('will-navigate', (event, url) => navigation(event, url));
  contents.on('will-frame-navigate', (event) => navigation(event, event.url));
  contents.on('will-redirect', (event, url) => navigation(event, url));
  contents.on('will-attach-webview', refuseWebview(log));
  contents.setWindowOpenHandler(refuseWindowOpen(log));
  // A beforeunload trap never holds the window: the unload goes on (Electron would otherwise cancel it silently,
  // and the watchdog's reload after a crash or a hang must not be refused).
  contents.on('will-prevent-unload', (event) => {
    event.preventDefault();
    log.warn({}, 'beforeunload trap ignored');
  });
  contents.on('before-input-event', (event, input) => {
    const reason = blockedShortcut(input);
    if (reason === null) return;
    event.preventDefault();
    if (input.type === 'keyDown') log.warn({ reason }, 'shortcut blocked');
  });
};
