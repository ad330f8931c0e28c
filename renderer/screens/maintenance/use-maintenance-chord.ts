import { useEffect, useRef } from 'react';
import { isMaintenanceChord } from './maintenance-entry.ts';

/** Ctrl+Alt+M opens maintenance mode while the screen using this hook is shown (the attract screen); null: never. */
export const useMaintenanceChord = (onEnter: (() => void) | null) => {
  const enter = useRef(onEnter);
  useEffect(() => {
    enter.current = onEnter;
  });
  const enabled = onEnter !== null;
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      if (!isMaintenanceChord(event)) return;
      event.preventDefault();
      enter.current?.();
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
};
