/**
 * Why the fleet server could not do what the operator asked: each with a code the page's API answers and a sentence
 * a person can act on.
 */
export type FleetRefusalCode = 'unknown-terminal' | 'terminal-offline' | 'rpc-timeout' | 'rpc-bad-reply' | 'too-many-rpcs' | 'too-many-attributes' | 'fleet-closed';

export class FleetRequestRefused extends Error {
  readonly code: FleetRefusalCode;
  constructor(code: FleetRefusalCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'FleetRequestRefused';
  }
}

export const unknownTerminal = (deviceId: string) => new FleetRequestRefused('unknown-terminal', `no terminal "${deviceId}" has connected to this fleet`);
export const terminalOffline = (deviceId: string) =>
  new FleetRequestRefused('terminal-offline', `terminal "${deviceId}" is offline: a command would not reach it (shared attributes are kept for its next request)`);
export const rpcTimeout = (deviceId: string, method: string, timeoutMs: number) =>
  new FleetRequestRefused('rpc-timeout', `terminal "${deviceId}" did not answer ${method} within ${timeoutMs} ms`);
export const rpcBadReply = (deviceId: string, method: string, why: string) =>
  new FleetRequestRefused('rpc-bad-reply', `terminal "${deviceId}" answered ${method} with something unreadable (${why})`);
