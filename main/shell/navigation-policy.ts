import type { HandlerDetails, WindowOpenHandlerResponse } from 'electron';

export interface PolicyLog {
  warn(details: object, message: string): void;
}

interface Preventable {
  preventDefault(): void;
}

/**
 * The kiosk is one page that never navigates (checklist item 13): in-page routes do not fire will-navigate,
 * so every navigation that does is refused, whatever its target, including the kiosk's own origin (a
 * reload would lose the screen the citizen is on).
 */
export const refuseNavigation = (log: PolicyLog) => (event: Preventable, url: string) => {
  event.preventDefault();
  log.warn({ url }, 'navigation refused');
};

/** No new windows, ever (checklist item 14); links are never handed to other applications either (item 15). */
export const refuseWindowOpen =
  (log: PolicyLog) =>
  (details: Pick<HandlerDetails, 'url'>): WindowOpenHandlerResponse => {
    log.warn({ url: details.url }, 'window creation refused');
    return { action: 'deny' };
  };

/** <webview> is disabled in the window options; should one be attached anyway, it is refused. */
export const refuseWebview = (log: PolicyLog) => (event: Preventable) => {
  event.preventDefault();
  log.warn({}, 'webview refused');
};

/** Nothing is ever downloaded to the terminal (a link, a blob the page made, a drag): Session `will-download`. */
export const refuseDownload = (log: PolicyLog) => (event: Preventable, item: { getURL(): string }) => {
  event.preventDefault();
  log.warn({ url: item.getURL() }, 'download refused');
};
