import { isAppUrl } from './app-protocol.ts';

/** The part of Electron's WebFrameMain the check needs. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/**
 * Only the kiosk's own top-level page may call the host (checklist item 17): an iframe or anything loaded
 * from elsewhere is refused, whatever it sends.
 */
export const isTrustedSender = (frame: SenderFrame | null | undefined): boolean =>
  frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url);
