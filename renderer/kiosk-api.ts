import type {
  ApiVersion,
  ApiErrorCode,
  KioskBridge,
  KioskEvent,
  MethodName,
  MethodParams,
  MethodResult,
} from '../main/api/index.ts';

/**
 * The single place that reaches the host. Everything else in the renderer calls these typed functions;
 * `window.kiosk` is provided by the Electron preload or by the browser shell's page bridge.
 */

declare global {
  interface Window {
    kiosk?: KioskBridge;
  }
}

export class KioskApiError extends Error {
  readonly code: ApiErrorCode;
  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'KioskApiError';
    this.code = code;
  }
}

const missingBridge: KioskBridge = {
  call: () => Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'window.kiosk is missing' } }),
  subscribe: () => () => undefined,
  onConnectionChange: (listener) => (listener(false), () => undefined),
};

const bridge = (): KioskBridge => window.kiosk ?? missingBridge;

/** Calls a contract method; throws KioskApiError with the host's typed code when it fails. */
export const callHost = async <M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> => {
  const response = await bridge().call(method, params);
  if (!response.ok) throw new KioskApiError(response.error.code, response.error.message);
  return response.result as MethodResult<M>;
};

/** The contract version this page was built against; tsc fails the build if it differs from main/api's. */
const API_VERSION: ApiVersion = 1;
export const helloParams = { apiVersion: API_VERSION };

export const subscribeToHost = (listener: (event: KioskEvent) => void): (() => void) => bridge().subscribe(listener);

export const watchHostConnection = (listener: (connected: boolean) => void): (() => void) =>
  bridge().onConnectionChange(listener);
