import { useRef, type MouseEvent } from 'react';
import { completesGesture, tapsWithinWindow } from './maintenance-entry.ts';

/**
 * The attract screen's invisible top-right corner: five taps within three seconds open maintenance mode. Not a
 * control (no role, not focusable, hidden from assistive technology); keyboard users have Ctrl+Alt+M. Its taps do
 * not start a citizen's session.
 */
export const MaintenanceCorner = ({ onEnter }: { onEnter: () => void }) => {
  const taps = useRef<number[]>([]);
  const tap = (event: MouseEvent) => {
    event.stopPropagation();
    taps.current = tapsWithinWindow(taps.current, event.timeStamp);
    if (completesGesture(taps.current)) {
      taps.current = [];
      onEnter();
    }
  };
  return <div className="maintenance-corner" aria-hidden="true" data-testid="maintenance-corner" onClick={tap} />;
};
