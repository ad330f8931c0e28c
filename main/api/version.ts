/**
 * Version of the renderer<->host contract. Bump it when a method or event changes incompatibly;
 * the renderer announces the version it was built against in `kiosk.hello` and the host refuses others.
 */
export const API_VERSION = 1;

/** The version as a literal type: the renderer (type-only importer) writes the number, and tsc checks it matches. */
export type ApiVersion = typeof API_VERSION;
