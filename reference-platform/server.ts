import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A runnable stand-in for the central government-service platform, on 127.0.0.1 only: the demo's embedded
 * default and the tests' counterpart. Its contract is docs/platform-api.yaml; later issues add the catalogue,
 * cases, certificates, lockers and terminal registration. Never packaged into the kiosk.
 */
export interface ReferencePlatform {
  readonly url: string;
  close(): Promise<void>;
}

export interface ReferencePlatformOptions {
  port: number;
  now?: () => Date;
}

const sendJson = (response: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
};

export const startReferencePlatform = async (options: ReferencePlatformOptions): Promise<ReferencePlatform> => {
  const now = options.now ?? (() => new Date());
  const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
    'GET /v1/health': (_request, response) => sendJson(response, 200, { status: 'ok', time: now().toISOString() }),
  };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://platform').pathname;
    const route = routes[`${request.method ?? 'GET'} ${path}`];
    if (route === undefined) {
      sendJson(response, 404, { error: { code: 'not-found', message: `no route ${request.method} ${path}` } });
      return;
    }
    route(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
