import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { KioskHost } from '../host/create-host.ts';
import { rendererSecurityHeaders } from '../host/content-security-policy.ts';
import { injectScriptFirst, type RendererFiles } from '../host/renderer-files.ts';
import { LaunchAuthority } from './launch-authority.ts';
import type { OutOfServicePage } from './out-of-service-page.ts';
import type { PageConnection } from './page-liveness.ts';
import { checkHttpRequest, checkWebSocketUpgrade, type RequestFacts } from './request-guard.ts';
import { readPageFrame } from './page-frame-reader.ts';
import { MAX_PAGE_FRAME_BYTES, PAGE_BRIDGE_PATH, WEBSOCKET_PATH, type HostFrame } from './ws-frames.ts';

/** The path of a request, or null when its target is not a URL at all (anyone can send such bytes). */
const pathOf = (target: string | undefined, origin: string): URL | null => {
  try {
    return new URL(target ?? '/', origin);
  } catch {
    return null;
  }
};

export interface LoopbackServerOptions {
  host: Pick<KioskHost, 'dispatch' | 'subscribe'>;
  rendererFiles: RendererFiles;
  pageBridgeScript: Buffer;
  port: number;
  log: Logger;
  /** The page may use the camera (a terminal whose document scanner is a camera). */
  camera?: boolean;
  /** What a refused page (an unknown, used or expired launch link; no cookie) shows instead of the kiosk. */
  refusedPage?: OutOfServicePage;
  /** What the page's connection does, for the watchdog (page-liveness.ts). */
  pages?: { connected(): PageConnection };
  /** Start out of service (see LoopbackServer.setOutOfService). */
  outOfService?: boolean;
}

export interface LoopbackServer {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** A URL that opens the kiosk once: a one-time launch token that the server trades for the session cookie. */
  issueLaunchUrl(): string;
  /**
   * Out of service: the page (a launch link included) answers the out-of-service page (503) whatever the request
   * carries, and no page may connect; the connected one, if any, is closed. Back in service: as before.
   */
  setOutOfService(on: boolean): void;
  close(): Promise<void>;
}

const LAUNCH_PARAM = 'launch';
/** What a redeemed launch link answers: the cookie, and on to the kiosk (same origin, so the cookie goes along). */
const LAUNCHED_PAGE = '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/">';

/** Puts the page bridge before the app's own scripts, so `window.kiosk` exists when the app starts. */
const injectPageBridge = (html: string): string => injectScriptFirst(html, PAGE_BRIDGE_PATH);

/**
 * The browser shell's half of the contract: the built renderer and the contract over HTTP + WebSocket on
 * 127.0.0.1 only, for the page this launch opened and nobody else (see request-guard.ts).
 */
export const startLoopbackServer = async (options: LoopbackServerOptions): Promise<LoopbackServer> => {
  const { host, rendererFiles, pageBridgeScript, log } = options;
  const sockets = new Set<Socket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAGE_FRAME_BYTES });
  const server = createServer();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const authority = new LaunchAuthority(port);
  const securityHeaders = rendererSecurityHeaders([`ws://127.0.0.1:${port}`], { camera: options.camera === true });

  const factsOf = (request: IncomingMessage): RequestFacts => ({
    host: request.headers.host,
    origin: request.headers.origin,
    hasValidCookie: authority.hasValidCookie(request.headers.cookie),
  });

  let outOfService = options.outOfService === true;

  const refuse = (response: ServerResponse, status: number, reason: string, url: string | undefined) => {
    log.warn({ status, reason, path: url?.split('?')[0] }, 'loopback request refused');
    // The page itself, refused, is a kiosk screen (the browser shows it full screen); anything else a bare status.
    const page = options.refusedPage;
    if ((status === 403 || status === 503) && page !== undefined && pathOf(url, origin)?.pathname === '/') {
      response.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': page.contentSecurityPolicy,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      response.end(page.html);
      return;
    }
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end(status === 404 ? 'not found' : status === 400 ? 'bad request' : status === 503 ? 'out of service' : 'forbidden');
  };

  server.on('request', (request, response) => {
    void (async () => {
      const url = pathOf(request.url, origin);
      if (url === null) {
        refuse(response, 400, 'request target is not a URL', undefined);
        return;
      }
      if (outOfService) {
        refuse(response, 503, 'the terminal is out of service', request.url);
        return;
      }
      const launchToken = url.searchParams.get(LAUNCH_PARAM);
      if (request.method === 'GET' && url.pathname === '/' && launchToken !== null) {
        if (request.headers.host !== new URL(origin).host || !authority.redeemLaunchToken(launchToken)) {
          refuse(response, 403, 'launch token unknown or already used', request.url);
          return;
        }
        // Chromium comes here from its launch file (a file:// page: a cross-site navigation), and a SameSite=Strict
        // cookie is not sent along a redirect of a cross-site navigation: then a page of our own origin moves on to
        // the kiosk, and the cookie goes along. A navigation that started from no page (a person opening a printed
        // --headless URL, a test) is simply redirected.
        if (request.headers['sec-fetch-site'] === 'cross-site') {
          response.writeHead(200, { ...securityHeaders, 'content-type': 'text/html; charset=utf-8', 'set-cookie': authority.setCookieHeader() });
          response.end(LAUNCHED_PAGE);
          return;
        }
        response.writeHead(303, { location: '/', 'set-cookie': authority.setCookieHeader(), 'cache-control': 'no-store' });
        response.end();
        return;
      }
      const verdict = checkHttpRequest(factsOf(request), origin);
      if (!verdict.allowed) {
        refuse(response, verdict.status, verdict.reason, request.url);
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD' });
        response.end();
        return;
      }
      if (url.pathname === PAGE_BRIDGE_PATH) {
        response.writeHead(200, { ...securityHeaders, 'content-type': 'text/javascript; charset=utf-8' });
        response.end(request.method === 'HEAD' ? undefined : pageBridgeScript);
        return;
      }
      const file = await rendererFiles(url.pathname);
      if (!file.found) {
        refuse(response, 404, file.reason, request.url);
        return;
      }
      const isPage = file.contentType.startsWith('text/html');
      const body = isPage ? Buffer.from(injectPageBridge(file.body.toString('utf8'))) : file.body;
      response.writeHead(200, { ...securityHeaders, 'content-type': file.contentType, 'content-length': body.length });
      response.end(request.method === 'HEAD' ? undefined : body);
    })().catch((error: unknown) => {
      log.error({ err: error }, 'loopback request failed');
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  server.on('upgrade', (request, socket, head) => {
    const url = pathOf(request.url, origin);
    const verdict =
      url === null
        ? ({ allowed: false, status: 400, reason: 'request target is not a URL' } as const)
        : url.pathname === WEBSOCKET_PATH
        ? checkWebSocketUpgrade(factsOf(request), origin)
        : ({ allowed: false, status: 403, reason: 'no WebSocket at this path' } as const);
    if (!verdict.allowed) {
      log.warn({ reason: verdict.reason }, 'loopback WebSocket refused');
      socket.end(`HTTP/1.1 ${verdict.status} ${verdict.status === 400 ? 'Bad Request' : 'Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    if (outOfService) {
      log.warn({ reason: 'out of service' }, 'loopback WebSocket refused');
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // One kiosk page at a time: a second connection is someone else (another tab, a second local process).
    if (page !== null) {
      log.warn({ reason: 'a page is already connected' }, 'loopback WebSocket refused');
      socket.end('HTTP/1.1 409 Conflict\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => attachPage(ws));
  });

  let page: WebSocket | null = null;

  const attachPage = (ws: WebSocket) => {
    const send = (frame: HostFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    page = ws;
    const watched = options.pages?.connected();
    const unsubscribe = host.subscribe((event) => send({ type: 'event', event }));
    ws.on('close', () => {
      unsubscribe();
      if (page === ws) page = null;
      watched?.disconnected();
    });
    ws.on('error', (error) => log.warn({ err: error }, 'page WebSocket error'));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const reading = readPageFrame(data, isBinary);
      if (reading.kind === 'heartbeat') watched?.heartbeat();
      else if (reading.kind === 'answer') send(reading.frame);
      else void host.dispatch(reading.call).then((response) => send({ type: 'result', id: reading.id, response }));
    });
  };

  return {
    origin,
    issueLaunchUrl: () => `${origin}/?${LAUNCH_PARAM}=${authority.issueLaunchToken()}`,
    setOutOfService(on) {
      outOfService = on;
      if (on) for (const client of wss.clients) client.close(1013, 'out of service');
    },
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
