import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentState } from '../../../main/api/index.ts';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';
import { callHost } from '../../kiosk-api.ts';
import { useDocumentCamera } from '../../scan/use-document-camera.ts';

interface ScanStepProps {
  state: DocumentState;
  onState: (next: DocumentState) => void;
  /** Attach the pages (the host makes the PDF); resolves false when they stay (too large …). */
  onAttach: () => Promise<void>;
  onLeave: () => void;
}

/** How often the preview is checked for the sheet's outline, and how long it must stay still to be captured. */
const OUTLINE_EVERY_MS = 700;
const STEADY_CHECKS = 3;
const STEADY_TOLERANCE = 0.012;

type Corners = Array<[number, number]>;
const moved = (a: Corners, b: Corners) => a.some(([x, y], i) => Math.abs(x - (b[i]?.[0] ?? 0)) > STEADY_TOLERANCE || Math.abs(y - (b[i]?.[1] ?? 0)) > STEADY_TOLERANCE);

/** The live camera with the sheet's outline; a page is taken on a tap, or by itself once the sheet lies still. */
const CameraCapture = ({ state, onState }: Pick<ScanStepProps, 'state' | 'onState'>) => {
  const { t } = useTranslation();
  const { video, state: cameraState, grab } = useDocumentCamera(state.cameraLabel);
  const [corners, setCorners] = useState<Corners | null>(null);
  const busy = useRef(false);
  const steady = useRef<{ corners: Corners | null; count: number; taken: boolean }>({ corners: null, count: 0, taken: false });
  const capture = () => {
    const frame = grab(4096, 0.9);
    if (frame === null || busy.current) return;
    busy.current = true;
    callHost('document.capture', { frame })
      .then(onState, () => undefined)
      .finally(() => {
        busy.current = false;
      });
  };
  useEffect(() => {
    if (cameraState.phase !== 'live') return;
    const timer = setInterval(() => {
      if (busy.current) return;
      const frame = grab(480, 0.7);
      if (frame === null) return;
      callHost('document.outline', { frame }).then(
        ({ corners: found }) => {
          setCorners(found);
          const last = steady.current;
          if (found === null) {
            // The sheet was taken away: the next one may be captured by itself again.
            steady.current = { corners: null, count: 0, taken: false };
            return;
          }
          const still = last.corners !== null && !moved(found, last.corners);
          steady.current = { corners: found, count: still ? last.count + 1 : 0, taken: last.taken && still };
          if (steady.current.count >= STEADY_CHECKS && !steady.current.taken) {
            steady.current.taken = true;
            capture();
          }
        },
        () => undefined,
      );
    }, OUTLINE_EVERY_MS);
    return () => clearInterval(timer);
  });

  if (cameraState.phase === 'failed') {
    return (
      <p className="notice notice--warning" role="alert">
        {t(`apply.scan.camera.${cameraState.reason}`)}
      </p>
    );
  }
  return (
    <div className="scan-camera">
      <div className="scan-camera__view">
        <video ref={video} className="scan-camera__video" muted playsInline data-testid="camera-preview" />
        {corners !== null && (
          <svg className="scan-camera__outline" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true" data-testid="page-outline">
            <polygon points={corners.map(([x, y]) => `${x},${y}`).join(' ')} />
          </svg>
        )}
      </div>
      <p className="section__text" role="status">
        {corners === null ? t('apply.scan.camera.placeSheet') : t('apply.scan.camera.holdStill')}
      </p>
      <button type="button" className="button button--primary" disabled={cameraState.phase !== 'live' || state.busy} onClick={capture}>
        {t('apply.scan.camera.capture')}
      </button>
    </div>
  );
};

/**
 * Scanning one material's paper: with the 高拍仪 camera (live, outlined, captured on a tap or when still) or the
 * sheet scanner (flatbed or feeder, with cancel); the pages as previews to reorder, delete and retake; then
 * "done" attaches them as one PDF. Leaving drops the pages.
 */
export const ScanStep = ({ state, onState, onAttach, onLeave }: ScanStepProps) => {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  const call = (request: Promise<DocumentState>) => {
    setFailed(false);
    request.then(onState, () => setFailed(true));
  };
  return (
    <ScreenFrame
      testId="apply-scan"
      title={t('apply.scan.title', { material: state.materialName })}
      toolbar={
        <>
          <button type="button" className="button" onClick={onLeave}>
            {t('apply.back')}
          </button>
          <button type="button" className="button button--primary" aria-disabled={state.pages.length === 0 || state.busy} onClick={() => state.pages.length > 0 && !state.busy && void onAttach().catch(() => setFailed(true))}>
            {t('apply.scan.done', { count: state.pages.length })}
          </button>
        </>
      }
    >
      {state.problem !== null && (
        <p className="notice notice--warning" role="alert" data-testid="scan-problem">
          {t(`apply.scan.problem.${state.problem}`)}
        </p>
      )}
      {failed && (
        <p className="notice notice--warning" role="alert">
          {t('apply.failed')}
        </p>
      )}
      {state.source === 'camera' ? (
        <CameraCapture state={state} onState={onState} />
      ) : (
        <p>
          {state.busy ? (
            <button type="button" className="button" onClick={() => call(callHost('document.cancel', {}))}>
              {t('apply.scan.sheet.cancel')}
            </button>
          ) : (
            <button type="button" className="button button--primary" onClick={() => call(callHost('document.scan', {}))}>
              {t('apply.scan.sheet.scan')}
            </button>
          )}
        </p>
      )}
      {state.busy && <p role="status">{t('apply.scan.working')}</p>}
      <ol className="scan-pages" aria-label={t('apply.scan.pages')} data-testid="scan-pages">
        {state.pages.map((page, index) => (
          <li key={page.id} className="scan-page" data-page-id={page.id}>
            <img className="scan-page__image" src={page.preview} alt={t('apply.scan.pageAlt', { number: index + 1 })} />
            <div className="scan-page__actions">
              <button type="button" className="button" disabled={index === 0} onClick={() => call(callHost('document.movePage', { pageId: page.id, to: index - 1 }))}>
                {t('apply.scan.earlier')}
              </button>
              <button type="button" className="button" disabled={index === state.pages.length - 1} onClick={() => call(callHost('document.movePage', { pageId: page.id, to: index + 1 }))}>
                {t('apply.scan.later')}
              </button>
              <button type="button" className="button" onClick={() => call(callHost('document.removePage', { pageId: page.id }))}>
                {t('apply.scan.remove')}
              </button>
            </div>
          </li>
        ))}
      </ol>
    </ScreenFrame>
  );
};
