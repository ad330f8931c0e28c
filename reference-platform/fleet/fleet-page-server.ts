import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { Logger } from 'pino';
import { readRpcCommand, readSharedAttributes } from './fleet-commands.ts';
import { FleetRequestRefused } from './fleet-errors.ts';
import { listenOnLoopback } from './fleet-broker.ts';
import type { FleetServer } from './fleet-server.ts';

/**
 * The fleet page on 127.0.0.1 (node:http): `GET /` the operator's page (plain DOM, its script and style served here),
 * `GET /events` the terminals as Server-Sent Events, and the JSON API — `GET /api/terminals`, `GET /api/terminals/:id`,
 * `POST /api/terminals/:id/rpc` {method, params, timeoutMs?}, `POST /api/terminals/:id/attributes` {…}. Requests are
 * taken only for this host (DNS rebinding) and, for a POST, as JSON from this page's origin (another site cannot post
 * a form here). See docs/fleet-page.md.
 */
export interface FleetPage {
  readonly url: string;
  close(): Promise<void>;
}

export interface FleetPageOptions {
  port: number;
  fleet: FleetServer;
  log: Logger;
}

const MAX_BODY_BYTES = 64 * 1024;
const MAX_EVENT_STREAMS = 32;
/** Changes are sent at most this often (a chatty fleet does not flood the page). */
const EVENT_THROTTLE_MS = 250;
const HEARTBEAT_MS = 15_000;

const PAGE_DIR = path.join(import.meta.dirname, 'page');
const STATIC: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/fleet-page.js': { file: 'fleet-page.js', type: 'text/javascript; charset=utf-8' },
  '/fleet-page.css': { file: 'fleet-page.css', type: 'text/css; charset=utf-8' },
};
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const REFUSAL_STATUS: Record<FleetRequestRefused['code'], number> = {
  'unknown-terminal': 404,
  'terminal-offline': 409,
  'rpc-timeout': 504,
  'rpc-bad-reply': 502,
  'too-many-rpcs': 429,
  'too-many-attributes': 400,
  'fleet-closed': 503,
};

type Reply = { status: number; body: unknown };
const failure = (status: number, code: string, message: string): Reply => ({ status, body: { error: { code, message } } });
const badRequest = (message: string) => failure(400, 'bad-request', message);

class BodyTooLarge extends Error {}

const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

export const startFleetPage = async ({ port, fleet, log }: FleetPageOptions): Promise<FleetPage> => {
  const files = new Map(Object.entries(STATIC).map(([route, { file, type }]) => [route, { body: readFileSync(path.join(PAGE_DIR, file)), type }]));
  const streams = new Set<ServerResponse>();
  let origin = '';
  let hosts: ReadonlySet<string> = new Set();
  let origins: ReadonlySet<string> = new Set();

  const send = (response: ServerResponse, { status, body }: Reply, extraHeaders: Record<string, string> = {}) => {
    const json = Buffer.from(JSON.stringify(body));
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': json.length, 'cache-control': 'no-store', ...extraHeaders });
    response.end(json);
  };

  const terminalsEvent = () => `event: terminals\ndata: ${JSON.stringify({ terminals: fleet.terminals() })}\n\n`;
  let pendingEvent: NodeJS.Timeout | null = null;
  const unsubscribe = fleet.onChange(() => {
    if (pendingEvent !== null || streams.size === 0) return;
    pendingEvent = setTimeout(() => {
      pendingEvent = null;
      const event = terminalsEvent();
      for (const stream of streams) stream.write(event);
    }, EVENT_THROTTLE_MS);
  });
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': still here\n\n');
  }, HEARTBEAT_MS);

  const openEventStream = (request: IncomingMessage, response: ServerResponse) => {
    if (streams.size >= MAX_EVENT_STREAMS) return send(response, failure(503, 'too-many-pages', `at most ${MAX_EVENT_STREAMS} pages follow the fleet at once`));
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(`retry: 2000\n\n${terminalsEvent()}`);
    streams.add(response);
    request.once('close', () => streams.delete(response));
  };

  const refused = (error: unknown): Reply => {
    if (error instanceof FleetRequestRefused) return failure(REFUSAL_STATUS[error.code], error.code, error.message);
    throw error;
  };

  const postJson = async (request: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; reply: Reply }> => {
    // JSON only (a cross-site form cannot send it without a preflight this server never answers), from this page.
    const type = request.headers['content-type'] ?? '';
    if (!/^application\/json(\s*;|$)/i.test(type)) return { ok: false, reply: failure(415, 'unsupported-media-type', 'send the body as application/json') };
    const from = request.headers.origin;
    if (from !== undefined && !origins.has(from)) return { ok: false, reply: failure(403, 'forbidden', 'requests are taken only from the fleet page itself') };
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof BodyTooLarge) return { ok: false, reply: badRequest(`the body is larger than ${MAX_BODY_BYTES / 1024} KB`) };
      throw error;
    }
    try {
      return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
    } catch {
      return { ok: false, reply: badRequest('the body is not JSON') };
    }
  };

  const route = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<Reply | null> => {
    const method = request.method ?? 'GET';
    const page = files.get(url.pathname);
    if (page !== undefined && (method === 'GET' || method === 'HEAD')) {
      response.writeHead(200, { 'content-type': page.type, 'content-length': page.body.length, 'cache-control': 'no-store', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
      response.end(method === 'HEAD' ? undefined : page.body);
      return null;
    }
    if (url.pathname === '/events' && method === 'GET') {
      openEventStream(request, response);
      return null;
    }
    if (url.pathname === '/api/terminals' && method === 'GET') return { status: 200, body: { terminals: fleet.terminals() } };
    const match = /^\/api\/terminals\/([^/]+)(?:\/(rpc|attributes))?$/.exec(url.pathname);
    if (match === null) return failure(404, 'not-found', `no route ${method} ${url.pathname}`);
    let deviceId: string;
    try {
      deviceId = decodeURIComponent(match[1] ?? '');
    } catch {
      return badRequest('a bad percent-escape in the path');
    }
    const action = match[2];
    if (action === undefined && method === 'GET') {
      const terminal = fleet.terminal(deviceId);
      return terminal === undefined ? failure(404, 'unknown-terminal', `no terminal "${deviceId}" has connected to this fleet`) : { status: 200, body: { terminal } };
    }
    if (action === 'rpc' && method === 'POST') {
      const body = await postJson(request);
      if (!body.ok) return body.reply;
      const command = readRpcCommand(body.value);
      if (!command.ok) return badRequest(command.problem);
      const { method: rpcMethod, params, timeoutMs } = command.command;
      try {
        return { status: 200, body: { method: rpcMethod, response: await fleet.rpc(deviceId, rpcMethod, params, timeoutMs) } };
      } catch (error) {
        return refused(error);
      }
    }
    if (action === 'attributes' && method === 'POST') {
      const body = await postJson(request);
      if (!body.ok) return body.reply;
      const shared = readSharedAttributes(body.value);
      if (!shared.ok) return badRequest(shared.problem);
      try {
        fleet.setShared(deviceId, shared.attributes);
      } catch (error) {
        return refused(error);
      }
      return { status: 200, body: { shared: fleet.terminal(deviceId)?.shared ?? {} } };
    }
    return failure(405, 'method-not-allowed', `${method} is not served at ${url.pathname}`);
  };

  const server = createServer((request, response) => {
    if (!hosts.has(request.headers.host ?? '')) {
      send(response, failure(421, 'wrong-host', 'the fleet page answers only as 127.0.0.1 or localhost'));
      return;
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', origin);
    } catch {
      send(response, badRequest('the request target is not a URL'));
      return;
    }
    route(request, response, url)
      .then((reply) => {
        if (reply === null) return;
        // An unread body (an answer before the body was read) would be taken for the next request: close instead.
        send(response, reply, request.readableEnded || request.method === 'GET' ? {} : { connection: 'close' });
      })
      .catch((error: unknown) => {
        log.error({ err: (error as Error).message, target: request.url?.slice(0, 200) }, 'fleet page: a request failed');
        if (response.headersSent) response.destroy();
        else send(response, failure(500, 'internal', 'the fleet page failed on this request'));
      });
  });
  const listening = await listenOnLoopback(server, port, 'fleet page');
  origin = `http://127.0.0.1:${listening}`;
  hosts = new Set([`127.0.0.1:${listening}`, `localhost:${listening}`]);
  origins = new Set([...hosts].map((host) => `http://${host}`));
  return {
    url: `${origin}/`,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        clearInterval(heartbeat);
        if (pendingEvent !== null) clearTimeout(pendingEvent);
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
