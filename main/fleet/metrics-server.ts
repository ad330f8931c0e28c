import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

/** What the server serves: a scrape in the Prometheus text format (a `TerminalMetrics`). */
export interface MetricsSource {
  readonly contentType: string;
  metrics(): Promise<string>;
}

export interface MetricsServerOptions {
  metrics: MetricsSource;
  /** `fleet.metrics.port`; 0: a free one (the URL `start()` gives says which). */
  port: number;
  log: Logger;
}

/** Only loopback: a scraper on the terminal itself (Prometheus, an agent, an SSH tunnel), never the hall's network. */
const LOOPBACK = '127.0.0.1';

/**
 * `GET /metrics` on 127.0.0.1 (docs/fleet-metrics.md). Anything else is 404, another method on /metrics 405; a scrape
 * that fails is a 500 and a log line, never a crash of the host.
 */
export class MetricsServer {
  readonly #metrics: MetricsSource;
  readonly #port: number;
  readonly #log: Logger;
  #server: Server | null = null;
  #url: string | null = null;

  constructor(options: MetricsServerOptions) {
    this.#metrics = options.metrics;
    this.#port = options.port;
    this.#log = options.log;
  }

  /** Where it serves, once started: `http://127.0.0.1:N/metrics`. */
  get url(): string | null {
    return this.#url;
  }

  /** Listens; resolves with the URL, rejects when the port cannot be had (taken, not allowed). */
  async start(): Promise<string> {
    if (this.#url !== null) return this.#url;
    const server = createServer((request, response) => {
      this.#answer(request, response).catch((error: unknown) => {
        this.#log.error({ err: error }, 'metrics request failed');
        response.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, LOOPBACK, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error) => this.#log.error({ err: error }, 'metrics server failed'));
    this.#server = server;
    this.#url = `http://${LOOPBACK}:${(server.address() as AddressInfo).port}/metrics`;
    this.#log.info({ url: this.#url }, 'metrics served');
    return this.#url;
  }

  /** Stops listening and drops open connections (a scraper's kept-alive one); again is a no-op. */
  async stop(): Promise<void> {
    const server = this.#server;
    if (server === null) return;
    this.#server = null;
    this.#url = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  async #answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://metrics.invalid').pathname;
    if (path !== '/metrics') return void this.#plain(response, 404, 'not found: metrics are at /metrics\n');
    if (request.method !== 'GET') return void this.#plain(response, 405, 'only GET\n', { allow: 'GET' });
    let text: string;
    try {
      text = await this.#metrics.metrics();
    } catch (error) {
      this.#log.error({ err: error }, 'metrics scrape failed');
      return void this.#plain(response, 500, 'metrics unavailable: the terminal could not be read (see the kiosk log)\n');
    }
    response.writeHead(200, { 'content-type': this.#metrics.contentType, 'cache-control': 'no-store' }).end(text);
  }

  #plain(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
    response.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end(text);
  }
}
