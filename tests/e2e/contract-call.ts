import type { Page } from '@playwright/test';
import type { CallResponse, KioskBridge, MethodName } from '../../main/api/index.ts';

/** A contract call straight from the page, as the renderer makes it (window.kiosk): the host's whole answer. */
export const callFromPage = (page: Page, method: MethodName, params: object = {}): Promise<CallResponse> =>
  page.evaluate(
    async ([name, given]) => {
      const bridge = (globalThis as { kiosk?: KioskBridge }).kiosk;
      return bridge === undefined ? { ok: false as const, error: { code: 'unavailable' as const, message: 'no bridge on the page' } } : bridge.call(name, given);
    },
    [method, params] as const,
  );
