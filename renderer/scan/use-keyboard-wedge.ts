import { useEffect, useRef } from 'react';
import { KeyboardWedgeDetector } from './keyboard-wedge-detector.ts';

/**
 * Listens for a keyboard-wedge scan, only while a screen that expects a scan is mounted with `enabled`; the
 * keys of a recognised scan do not reach the page's inputs.
 */
export const useKeyboardWedge = (enabled: boolean, onCode: (code: string) => void) => {
  const latest = useRef(onCode);
  useEffect(() => {
    latest.current = onCode;
  }, [onCode]);
  useEffect(() => {
    if (!enabled) return;
    const detector = new KeyboardWedgeDetector();
    const listener = (event: KeyboardEvent) => {
      const code = detector.key(event.key, event.timeStamp);
      if (code === null) return;
      event.preventDefault();
      latest.current(code);
    };
    window.addEventListener('keydown', listener, { capture: true });
    return () => window.removeEventListener('keydown', listener, { capture: true });
  }, [enabled]);
};
