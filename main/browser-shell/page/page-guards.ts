import { blockedShortcut, hasBrowserDefault } from '../../lockdown/browser-shortcuts.ts';

/**
 * The browser shell's counterparts of Electron's input filter and navigation policy, in the page: installed by the
 * page bridge before the app's own scripts run, on the capture phase of the window, so no handler of the app (or of
 * anything that got into it) runs first. What a page cannot stop itself — a new window, a modal, a download — the
 * sandboxed CSP (main/host/content-security-policy.ts) and the managed Chromium policy close.
 */

/** The Navigation API's navigate event (Chromium 102+), which TypeScript's DOM library does not declare yet. */
interface NavigateEvent extends Event {
  readonly cancelable: boolean;
  readonly destination: { readonly url: string; readonly sameDocument: boolean };
  readonly downloadRequest: string | null;
}
interface NavigationApi {
  addEventListener(type: 'navigate', listener: (event: NavigateEvent) => void, options?: AddEventListenerOptions): void;
}

/** Where a citizen types (the search box, a phone number): selecting text there is editing, not an escape. */
const isEditable = (target: EventTarget | null): boolean =>
  target instanceof Element && target.closest('input, textarea, [contenteditable]:not([contenteditable="false"])') !== null;

/**
 * A key that would open developer tools, reload, print, save, find, zoom or navigate is stopped before Chromium acts
 * on it (those a page cannot stop, such as Ctrl+N/T/W, are closed by the managed policy and the kiosk window itself);
 * the function keys reach the app (bank terminals) without their browser default.
 */
const guardKeys = () => {
  window.addEventListener(
    'keydown',
    (event) => {
      const input = { key: event.key, code: event.code, control: event.ctrlKey, alt: event.altKey, shift: event.shiftKey, meta: event.metaKey };
      if (hasBrowserDefault(input)) event.preventDefault(); // the app still gets the key
      if (blockedShortcut(input) === null) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    },
    { capture: true },
  );
  window.addEventListener('wheel', (event) => event.ctrlKey && event.preventDefault(), { capture: true, passive: false });
};

/**
 * The kiosk is one document: a link, a script or a form that would load another one (an external site, a `data:` or
 * `file:` URL, the same page again) is cancelled, as Electron's will-navigate is refused. Same-document navigations
 * (the app's own history entries) go on. Navigations the page cannot cancel (the browser's own) are the managed
 * policy's: every URL but the loopback origin is blocked.
 */
const guardNavigation = () => {
  const navigation = (window as unknown as { navigation?: NavigationApi }).navigation;
  navigation?.addEventListener('navigate', (event) => {
    if (event.destination.sameDocument && event.downloadRequest === null) return;
    if (event.cancelable) event.preventDefault();
  });
};

/**
 * Nothing is dragged out of the kiosk (a link or an image dropped on another window would open it there), and nothing
 * dropped on it is opened (a file dropped on a page makes the browser navigate to it).
 */
const guardDragAndDrop = () => {
  const refuse = (event: DragEvent) => {
    event.preventDefault();
    if (event.dataTransfer !== null) event.dataTransfer.dropEffect = 'none';
  };
  window.addEventListener('dragstart', (event) => event.preventDefault(), { capture: true });
  window.addEventListener('dragover', refuse, { capture: true });
  window.addEventListener('drop', refuse, { capture: true });
};

/** No text is selected by a long press or a drag (a selection brings the browser's own handles and menus), except where a citizen types. */
const guardSelection = () => {
  window.addEventListener('selectstart', (event) => !isEditable(event.target) && event.preventDefault(), { capture: true });
};

/**
 * No file chooser: the kiosk has no files to offer a citizen, and the managed policy, which refuses the dialog,
 * shows a browser bar about it instead ("access to local files … disabled by your administrator", found by the
 * escape suite). A tap or a script's click on a file input, and its showPicker(), are refused before Chromium sees them.
 */
const guardFileChooser = () => {
  const isFileInput = (target: EventTarget | null) => target instanceof HTMLInputElement && target.type === 'file';
  window.addEventListener(
    'click',
    (event) => {
      const target = event.target instanceof HTMLLabelElement ? event.target.control : event.target;
      if (isFileInput(target)) event.preventDefault();
    },
    { capture: true },
  );
  const showPicker = HTMLInputElement.prototype.showPicker;
  Object.defineProperty(HTMLInputElement.prototype, 'showPicker', {
    configurable: false,
    writable: false,
    value: function (this: HTMLInputElement) {
      if (this.type === 'file') throw new DOMException('the kiosk offers no file chooser', 'NotAllowedError');
      showPicker.call(this);
    },
  });
};

export const installPageGuards = (): void => {
  guardKeys();
  guardFileChooser();
  guardNavigation();
  guardDragAndDrop();
  guardSelection();
};
