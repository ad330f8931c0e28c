/** What a route answers; faults may change it on the way out. */
export interface Reply {
  status: number;
  type: string;
  body: string;
  headers?: Record<string, string>;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  type: 'application/json; charset=utf-8',
  body: JSON.stringify(body),
  ...(headers === undefined ? {} : { headers }),
});

/** The platform's error body: a machine code and a sentence for the technician's log. */
export const failure = (status: number, code: string, message: string, detail?: unknown): Reply =>
  json(status, { error: { code, message, ...(detail === undefined ? {} : { detail }) } });

export const notFound = (message: string) => failure(404, 'not-found', message);
export const badRequest = (message: string) => failure(400, 'bad-request', message);

/** A request body as JSON, or the 400 that says it is not. */
export const jsonBody = (body: Buffer): { ok: true; value: unknown } | { ok: false; reply: Reply } => {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return { ok: false, reply: badRequest('the body is not JSON') };
  }
};
