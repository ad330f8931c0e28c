import { useEffect, useRef } from 'react';

/**
 * Maintenance mode's own idle timer (no citizen session runs meanwhile, so the host's idle warning does not apply):
 * no touch and no key for `timeoutMs` calls `onIdle`. `onActive`, when given, is called on activity at most once
 * per quarter of the timeout — the staff screen uses it to show the host that the staff member is still there.
 */
export const useIdleTimeout = (timeoutMs: number, onIdle: () => void, onActive?: () => void) => {
  const callbacks = useRef({ onIdle, onActive });
  useEffect(() => {
    callbacks.current = { onIdle, onActive };
  });
  useEffect(() => {
    let timer = setTimeout(() => callbacks.current.onIdle(), timeoutMs);
    let lastActive = performance.now();
    const activity = () => {
      clearTimeout(timer);
      timer = setTimeout(() => callbacks.current.onIdle(), timeoutMs);
      const now = performance.now();
      if (now - lastActive < timeoutMs / 4) return;
      lastActive = now;
      callbacks.current.onActive?.();
    };
    window.addEventListener('pointerdown', activity, { capture: true, passive: true });
    window.addEventListener('keydown', activity, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', activity, { capture: true });
      window.removeEventListener('keydown', activity, { capture: true });
    };
  }, [timeoutMs]);
};
