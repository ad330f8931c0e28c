import { useEffect, useRef, useState } from 'react';

export type CameraState = { phase: 'starting' } | { phase: 'live' } | { phase: 'failed'; reason: 'denied' | 'missing' | 'other' };

/**
 * The document camera (高拍仪, a UVC camera) for the scan screen only: opened when the screen appears, at the highest
 * resolution it gives (asked for 8 MP: enough for A4 at about 300 dpi), preferring the camera the terminal names,
 * and stopped when the screen goes. `grab` takes the current frame as a JPEG data URL, at most `maxWidth` wide.
 */
export const useDocumentCamera = (label: string | null) => {
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>({ phase: 'starting' });
  useEffect(() => {
    let stream: MediaStream | null = null;
    let current = true;
    const open = async () => {
      const constraints = (deviceId?: string): MediaStreamConstraints => ({
        audio: false,
        video: { ...(deviceId === undefined ? {} : { deviceId: { exact: deviceId } }), width: { ideal: 3264 }, height: { ideal: 2448 } },
      });
      stream = await navigator.mediaDevices.getUserMedia(constraints());
      if (label !== null) {
        // Labels are known once a camera is open; switch to the named one when it is not the one we got.
        const named = (await navigator.mediaDevices.enumerateDevices()).find((device) => device.kind === 'videoinput' && device.label.includes(label));
        const open = stream.getVideoTracks()[0]?.getSettings().deviceId;
        if (named !== undefined && named.deviceId !== open) {
          stream.getTracks().forEach((track) => track.stop());
          stream = await navigator.mediaDevices.getUserMedia(constraints(named.deviceId));
        }
      }
      if (!current) return;
      if (video.current !== null) {
        video.current.srcObject = stream;
        await video.current.play();
      }
      setState({ phase: 'live' });
    };
    open().catch((error: unknown) => {
      if (!current) return;
      const name = (error as { name?: string }).name;
      setState({ phase: 'failed', reason: name === 'NotAllowedError' ? 'denied' : name === 'NotFoundError' || name === 'OverconstrainedError' ? 'missing' : 'other' });
    });
    return () => {
      current = false;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [label]);

  const grab = (maxWidth: number, quality: number): string | null => {
    const source = video.current;
    if (source === null || source.videoWidth === 0) return null;
    const scale = Math.min(1, maxWidth / source.videoWidth);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(source.videoWidth * scale);
    canvas.height = Math.round(source.videoHeight * scale);
    canvas.getContext('2d')?.drawImage(source, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/jpeg', quality);
  };
  return { video, state, grab };
};
