import { useEffect } from 'react';
import { callHost } from '../kiosk-api.ts';

/** One report per this many ms is plenty: the idle timeout is measured in tens of seconds. */
const REPORT_INTERVAL_MS = 1000;

/** Tells the host that the citizen is still there whenever they touch the screen or press a key. */
export const useActivityReporting = (enabled: boolean) => {
  useEffect(() => {
    if (!enabled) return;
    let lastReport = 0;
    const report = () => {
      const now = Date.now();
      if (now - lastReport < REPORT_INTERVAL_MS) return;
      lastReport = now;
      callHost('session.activity', {}).catch(() => undefined);
    };
    window.addEventListener('pointerdown', report, { capture: true, passive: true });
    window.addEventListener('keydown', report, { capture: true, passive: true });
    return () => {
      window.removeEventListener('pointerdown', report, { capture: true });
      window.removeEventListener('keydown', report, { capture: true });
    };
  }, [enabled]);
};
