import { useEffect, useState } from 'react';
import type { Locale } from '../main/api/index.ts';
import { DemoBanner } from './components/DemoBanner.tsx';
import { IdleWarningDialog } from './components/IdleWarningDialog.tsx';
import { setDocumentLanguage } from './i18n/index.ts';
import { callHost } from './kiosk-api.ts';
import { ApplyScreen } from './screens/apply/ApplyScreen.tsx';
import { AttractScreen } from './screens/attract/AttractScreen.tsx';
import { MaintenanceMode } from './screens/maintenance/MaintenanceMode.tsx';
import { FindServiceScreen, initialFindServiceState, type FindServiceState } from './screens/find-service/FindServiceScreen.tsx';
import { GuideScreen } from './screens/guide/GuideScreen.tsx';
import { HomeScreen } from './screens/home/HomeScreen.tsx';
import { IdentifyScreen } from './screens/identify/IdentifyScreen.tsx';
import { DropOffScreen } from './screens/locker-drop-off/DropOffScreen.tsx';
import { LockerPickupScreen } from './screens/locker-pickup/LockerPickupScreen.tsx';
import { OutOfServiceScreen } from './screens/out-of-service/OutOfServiceScreen.tsx';
import { MyCasesScreen } from './screens/my-cases/MyCasesScreen.tsx';
import { ScanReceiptScreen } from './screens/scan-receipt/ScanReceiptScreen.tsx';
import { UnavailableScreen } from './screens/unavailable/UnavailableScreen.tsx';
import { SessionTimeContext } from './state/session-countdown.ts';
import { useActivityReporting } from './state/use-activity-reporting.ts';
import { useHostState } from './state/use-host-state.ts';

/** Errors of these calls are shown by the host's next state event (or the unavailable screen); nothing to add here. */
const send = (call: Promise<unknown>) => void call.catch(() => undefined);

/**
 * The kiosk's screens, chosen from the host's session: attract between citizens, the journey during a
 * session, and the idle warning on top when the host says time is running out.
 */
type Screen = 'home' | 'identify' | 'my-cases' | 'scan-receipt' | 'find-service' | 'guide' | 'apply' | 'locker-pickup' | 'locker-drop-off';
/** Where to go once the citizen has identified: back home, or on to what needed the identity. */
type AfterIdentify = 'home' | 'my-cases' | 'apply' | 'locker-pickup' | 'locker-drop-off';

export const App = () => {
  const host = useHostState();
  const [route, setRoute] = useState<{ sessionId: string | null; screen: Screen; after: AfterIdentify }>({
    sessionId: null,
    screen: 'home',
    after: 'home',
  });
  // Finding a service and the guide open: kept while the citizen goes back and forth, gone with the session.
  const [finding, setFinding] = useState<{ sessionId: string | null; state: FindServiceState; guide: string | null }>({
    sessionId: null,
    state: initialFindServiceState,
    guide: null,
  });
  const session = host.status === 'ready' ? host.session : null;
  const sessionId = session !== null && session.phase !== 'attract' ? session.sessionId : null;
  const identifyPhase = host.status === 'ready' ? host.identify.phase : 'idle';
  // Every session starts at home; a successful identification goes on to what needed it (or home, with the greeting).
  const screen: Screen =
    route.sessionId !== sessionId ? 'home' : route.screen === 'identify' && identifyPhase === 'done' ? route.after : route.screen;
  const setScreen = (next: Screen, after: AfterIdentify = 'home') => setRoute({ sessionId, screen: next, after });
  const find = finding.sessionId === sessionId ? finding : { sessionId, state: initialFindServiceState, guide: null };
  const openGuide = (taskCode: string) => {
    setFinding({ ...find, guide: taskCode });
    setScreen('guide');
  };
  const startScan = () => {
    setScreen('scan-receipt');
    send(callHost('scan.start', {}));
  };
  const startIdentify = (after: AfterIdentify) => {
    setScreen('identify', after);
    send(callHost('identify.start', {}));
  };
  // Applying: the host builds the application, then the citizen identifies (if not yet) and goes through its steps.
  const [applyFailed, setApplyFailed] = useState(false);
  const startApplication = (target: { taskCode: string } | { bundleCode: string }, citizenKnown: boolean) => {
    setApplyFailed(false);
    callHost('application.start', target).then(
      () => (citizenKnown ? setScreen('apply') : startIdentify('apply')),
      () => setApplyFailed(true),
    );
  };
  const locale: Locale | null =
    host.status !== 'ready' ? null : session?.phase === 'attract' ? host.info.defaultLocale : (session?.locale ?? null);

  useEffect(() => {
    if (locale !== null) void setDocumentLanguage(locale);
  }, [locale]);
  useActivityReporting(session?.phase === 'active');
  // Staff maintenance mode: entered from the attract (or out-of-service) screen only, shown in its place while it lasts.
  const [maintenance, setMaintenance] = useState(false);

  if (host.status !== 'ready' || session === null || locale === null) {
    return <UnavailableScreen starting={host.status === 'starting'} />;
  }
  const { info } = host;
  const demoBanner = info.terminal.lockedDown ? null : <DemoBanner />;
  if (session.phase === 'attract') {
    if (maintenance && info.capabilities.maintenance) {
      return (
        <>
          <MaintenanceMode lockers={info.capabilities.lockers} onLeave={() => setMaintenance(false)} />
          {demoBanner}
        </>
      );
    }
    if (info.outOfService) {
      return (
        <>
          <OutOfServiceScreen onMaintenance={() => setMaintenance(true)} />
          {demoBanner}
        </>
      );
    }
    return (
      <>
        <AttractScreen
          hallName={info.terminal.hallName}
          loop={info.attract}
          homeEntries={info.homeEntries}
          lastEndReason={session.lastEndReason}
          onStart={() => send(callHost('session.start', {}))}
          onMaintenance={info.capabilities.maintenance ? () => setMaintenance(true) : null}
        />
        {demoBanner}
      </>
    );
  }
  const citizen = session.citizen;
  const time = { secondsLeft: session.secondsLeft, since: session, onMoreTime: () => send(callHost('session.extend', {})), finishSeconds: info.finishSeconds };
  return (
    <SessionTimeContext value={time}>
      {demoBanner}
      <div className="screen" inert={session.phase === 'warning'}>
        {screen === 'find-service' ? (
          <FindServiceScreen
            state={find.state}
            onChange={(state) => setFinding({ ...find, state })}
            onOpenGuide={openGuide}
            onHome={() => setScreen('home')}
            {...(info.capabilities.identify ? { onStartBundle: (bundleCode: string) => startApplication({ bundleCode }, citizen !== null) } : {})}
          />
        ) : screen === 'guide' && find.guide !== null ? (
          <GuideScreen
            key={find.guide}
            taskCode={find.guide}
            onBack={() => setScreen('find-service')}
            startFailed={applyFailed}
            {...(info.capabilities.identify ? { onStart: (taskCode: string) => startApplication({ taskCode }, citizen !== null) } : {})}
          />
        ) : screen === 'apply' ? (
          <ApplyScreen onLeave={() => setScreen(find.guide === null ? 'find-service' : 'guide')} onFinish={() => send(callHost('session.end', {}))} />
        ) : screen === 'scan-receipt' ? (
          <ScanReceiptScreen
            state={host.scan}
            onScanAgain={() => send(callHost('scan.start', {}))}
            onBack={() => {
              send(callHost('scan.cancel', {}));
              setScreen('home');
            }}
          />
        ) : screen === 'locker-pickup' ? (
          <LockerPickupScreen onBack={() => setScreen('home')} onFinish={() => send(callHost('session.end', {}))} />
        ) : screen === 'locker-drop-off' ? (
          <DropOffScreen onBack={() => setScreen('home')} onFinish={() => send(callHost('session.end', {}))} />
        ) : screen === 'my-cases' ? (
          <MyCasesScreen onBack={() => setScreen('home')} />
        ) : screen === 'identify' ? (
          <IdentifyScreen
            state={host.identify}
            onTryAgain={() => send(callHost('identify.start', {}))}
            onBack={() => {
              send(callHost('identify.cancel', {}));
              setScreen('home');
            }}
          />
        ) : (
          <HomeScreen
            hallName={info.terminal.hallName}
            entries={info.homeEntries}
            locales={info.locales}
            locale={locale}
            platformReachable={host.platform.reachable}
            citizen={citizen}
            canIdentify={info.capabilities.identify}
            onIdentify={() => startIdentify('home')}
            onSelectEntry={(entry) => {
              if (entry === 'scan-receipt') startScan();
              else if (entry === 'find-service') setScreen('find-service');
              else if (citizen === null) startIdentify(entry);
              else setScreen(entry);
            }}
            onSelectLocale={(next) => send(callHost('session.setLocale', { locale: next }))}
            onFinish={() => send(callHost('session.end', {}))}
          />
        )}
      </div>
      {session.phase === 'warning' && (
        <IdleWarningDialog
          secondsLeft={session.secondsLeft}
          onMoreTime={() => send(callHost('session.extend', {}))}
          onEndNow={() => send(callHost('session.end', {}))}
        />
      )}
    </SessionTimeContext>
  );
};
