import { useEffect, useState } from 'react';
import type { IdentifyState, PlatformStatus, ScanState, SessionState, TerminalInfo } from '../../main/api/index.ts';
import { setHallTimeZone } from '../i18n/clock-time.ts';
import { callHost, helloParams, KioskApiError, subscribeToHost, watchHostConnection } from '../kiosk-api.ts';

/**
 * What the page knows of the host: nothing until the first hello, then the terminal, the session and the
 * platform status, kept current by pushed events. `unavailable` is set whenever the host cannot be reached
 * or refuses this page (e.g. a contract version mismatch after an update).
 */
export type HostState =
  | { status: 'starting' }
  | { status: 'unavailable'; reason: string }
  | { status: 'ready'; info: TerminalInfo; session: SessionState; platform: PlatformStatus; identify: IdentifyState; scan: ScanState };

/** How long a page may wait for its first connection before it tells the citizen the service is down. */
const FIRST_CONNECTION_GRACE_MS = 5000;

export const useHostState = (): HostState => {
  const [state, setState] = useState<HostState>({ status: 'starting' });

  useEffect(() => {
    let disposed = false;
    const grace = setTimeout(
      () => setState((current) => (current.status === 'starting' ? { status: 'unavailable', reason: 'no connection' } : current)),
      FIRST_CONNECTION_GRACE_MS,
    );
    const hello = async () => {
      try {
        const info = await callHost('kiosk.hello', helloParams);
        setHallTimeZone(info.terminal.timeZone);
        if (!disposed) setState({ status: 'ready', info, session: info.session, platform: info.platform, identify: info.identify, scan: info.scan });
      } catch (error) {
        const reason = error instanceof KioskApiError ? error.code : 'hello failed';
        if (!disposed) setState({ status: 'unavailable', reason });
      }
    };
    const stopEvents = subscribeToHost((message) => {
      setState((current) => {
        if (current.status !== 'ready') return current;
        switch (message.event) {
          case 'session.state':
            return { ...current, session: message.payload };
          case 'platform.status':
            return { ...current, platform: message.payload };
          case 'identify.state':
            return { ...current, identify: message.payload };
          case 'scan.state':
            return { ...current, scan: message.payload };
          case 'terminal.outOfService':
            return { ...current, info: { ...current.info, outOfService: message.payload.outOfService } };
          default:
            return current; // the locker screens listen to their own events
        }
      });
    });
    const stopConnection = watchHostConnection((connected) => {
      if (connected) void hello();
      else setState((current) => (current.status === 'starting' ? current : { status: 'unavailable', reason: 'connection lost' }));
    });
    return () => {
      disposed = true;
      clearTimeout(grace);
      stopEvents();
      stopConnection();
    };
  }, []);

  // Once the screen shows a session's end, render once more: React keeps the previous render's state in a second
  // copy of each component (its alternate fiber) until the next render, so the ended session's citizen would stay
  // in the page's memory. After the commit (an effect), so it cannot be batched into the same render.
  const endedSession = state.status === 'ready' && state.session.phase === 'attract' ? state.session : null;
  useEffect(() => {
    if (endedSession === null) return;
    const again = setTimeout(() => setState((current) => ({ ...current })), 0);
    return () => clearTimeout(again);
  }, [endedSession]);

  return state;
};
