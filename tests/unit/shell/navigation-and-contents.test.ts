import { EventEmitter } from 'node:events';
import type { Input } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { applyContentsPolicies, type PolicedContents } from '../../../main/shell/contents-policies.ts';
import { refuseDownload, refuseNavigation, refuseWebview, refuseWindowOpen } from '../../../main/shell/navigation-policy.ts';

const log = () => ({ warn: vi.fn() });
const preventable = () => ({ preventDefault: vi.fn() });

describe('navigation guard', () => {
  it.each(['https://evil.example/', 'file:///etc/passwd', 'app://kiosk/index.html', 'javascript:alert(1)', 'app://kiosk.evil/'])(
    'refuses navigation to %s and logs it',
    (url) => {
      const event = preventable();
      const policyLog = log();
      refuseNavigation(policyLog)(event, url);
      expect(event.preventDefault).toHaveBeenCalledOnce();
      expect(policyLog.warn).toHaveBeenCalledWith({ url }, 'navigation refused');
    },
  );
});

describe('window-open handler', () => {
  it.each(['https://example.com/', 'app://kiosk/other.html', 'about:blank'])('denies a new window for %s', (url) => {
    expect(refuseWindowOpen(log())({ url })).toEqual({ action: 'deny' });
  });
});

describe('webview guard', () => {
  it('refuses to attach a webview', () => {
    const event = preventable();
    refuseWebview(log())(event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('download guard', () => {
  it.each(['https://example.com/file.pdf', 'blob:app://kiosk/0a1b', 'data:text/plain,x'])('cancels a download of %s and logs it', (url) => {
    const event = preventable();
    const policyLog = log();
    refuseDownload(policyLog)(event, { getURL: () => url });
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(policyLog.warn).toHaveBeenCalledWith({ url }, 'download refused');
  });
});

/** A stand-in with WebContents' on/setWindowOpenHandler surface, so the wiring is tested without Electron. */
class FakeContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.windowOpenHandler = handler;
  }
}

describe('every WebContents gets every policy', () => {
  const setUp = () => {
    const contents = new FakeContents();
    applyContentsPolicies(contents as unknown as PolicedContents, log());
    return contents;
  };

  it('refuses will-navigate, will-frame-navigate, will-redirect and will-attach-webview', () => {
    const contents = setUp();
    for (const [name, args] of [
      ['will-navigate', ['https://evil.example/']],
      ['will-redirect', ['https://evil.example/']],
      ['will-attach-webview', []],
    ] as const) {
      const event = preventable();
      contents.emit(name, event, ...args);
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    const frameEvent = { ...preventable(), url: 'https://evil.example/' };
    contents.emit('will-frame-navigate', frameEvent);
    expect(frameEvent.preventDefault).toHaveBeenCalled();
  });

  it('lets the unload go on past a beforeunload trap (will-prevent-unload)', () => {
    const contents = setUp();
    const event = preventable();
    contents.emit('will-prevent-unload', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies window.open', () => {
    expect(setUp().windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('swallows blocked shortcuts and passes ordinary keys', () => {
    const contents = setUp();
    const input = (key: string, control = false) => ({ type: 'keyDown', key, control, alt: false, shift: false, meta: false }) as Input;
    const ctrlW = preventable();
    contents.emit('before-input-event', ctrlW, input('w', true));
    expect(ctrlW.preventDefault).toHaveBeenCalled();
    const letter = preventable();
    contents.emit('before-input-event', letter, input('w'));
    expect(letter.preventDefault).not.toHaveBeenCalled();
  });
});
