import { z } from 'zod';

/**
 * The `fleet` section (docs/fleet.md): the terminal as a device of the operator's MQTT fleet (the ThingsBoard device
 * API), its Prometheus metrics on loopback, and staged updates. Secrets are never in the config: they are named by
 * reference, a 0600 file or a systemd credential (`LoadCredentialEncrypted=`, sealed by the machine's TPM where it has
 * one — the OS keystore of a Linux terminal).
 */

/** Where a secret is: a file only its owner may read, or a credential systemd hands the service. */
export const secretReferenceSchema = z.union([
  z.object({ file: z.string().min(1) }).strict(),
  z.object({ credential: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a systemd credential name') }).strict(),
]);
export type SecretReference = z.infer<typeof secretReferenceSchema>;

/** How the terminal proves itself to the broker: nothing (an anonymous broker), a device token, a password, or a client certificate. */
const mqttAuthSchema = z.discriminatedUnion('kind', [
  /** ThingsBoard's access token, sent as the MQTT user name. */
  z.object({ kind: z.literal('access-token'), token: secretReferenceSchema }).strict(),
  z.object({ kind: z.literal('password'), username: z.string().min(1).max(200), password: secretReferenceSchema }).strict(),
  /** X.509: the certificate and its key (PEM files, the key 0600). */
  z.object({ kind: z.literal('client-certificate'), certFile: z.string().min(1), keyFile: z.string().min(1) }).strict(),
]);
export type MqttAuth = z.infer<typeof mqttAuthSchema>;

export const fleetMqttSchema = z
  .object({
    /** mqtt:// or mqtts:// (TLS, checked against `caFile` when it is set, else the system's CAs). */
    url: z.url({ protocol: /^mqtts?$/, error: 'an mqtt:// or mqtts:// URL' }),
    auth: mqttAuthSchema.optional(),
    /** PEM file of the CA the broker's certificate must chain to (mqtts:// only). */
    caFile: z.string().min(1).optional(),
    /** The MQTT client id; default: the terminal id. */
    clientId: z.string().min(1).max(128).optional(),
    /**
     * Where the device's topics live: ThingsBoard's `v1/devices/me` (the broker knows the device by its token). A broker
     * without per-device topics (a plain mosquitto or EMQX cluster) gives each terminal its own: `v1/devices/{terminalId}`.
     */
    topicBase: z
      .string()
      .regex(/^[^#+]+[^/#+]$/, 'a topic without wildcards or a trailing /')
      .default('v1/devices/me'),
    keepaliveSeconds: z.number().int().min(5).max(1200).default(60),
    /** Reconnection after a lost connection: from the first delay, doubled each time up to the last, with jitter. */
    reconnect: z
      .object({ firstDelaySeconds: z.number().min(0.1).max(60).default(1), maxDelaySeconds: z.number().min(1).max(3600).default(120) })
      .strict()
      .default({ firstDelaySeconds: 1, maxDelaySeconds: 120 }),
  })
  .strict()
  .superRefine((mqtt, context) => {
    if (mqtt.caFile !== undefined && !mqtt.url.startsWith('mqtts:')) context.addIssue({ code: 'custom', path: ['caFile'], message: 'a CA file needs an mqtts:// URL' });
    if (mqtt.auth?.kind === 'client-certificate' && !mqtt.url.startsWith('mqtts:')) context.addIssue({ code: 'custom', path: ['auth'], message: 'a client certificate needs an mqtts:// URL' });
    if (mqtt.reconnect.maxDelaySeconds < mqtt.reconnect.firstDelaySeconds) context.addIssue({ code: 'custom', path: ['reconnect', 'maxDelaySeconds'], message: 'must not be less than firstDelaySeconds' });
  });
export type FleetMqttConfig = z.infer<typeof fleetMqttSchema>;

/**
 * Staged updates (docs/fleet-updates.md): the operator offers a signed package to a share of the fleet as the `update`
 * shared attribute; the terminal installs it at an idle moment and rolls back when the new version does not confirm
 * its health in time.
 */
export const fleetUpdatesSchema = z
  .object({
    /** The release key's SM2 public key (uncompressed, 04 and 128 hex digits): only manifests it signed are installed. */
    publicKey: z.string().regex(/^04[0-9a-fA-F]{128}$/, 'an uncompressed SM2 public key: 04 and 128 hex digits'),
    /**
     * What installs a package: `apt-repository` (a version from the apt repository the operator hosts, through sudo
     * and systemd-run: the rule the package ships), `deb` (a package file downloaded from the manifest's URL and
     * checked here, installed with apt-get: needs a wider sudo rule, docs/fleet-updates.md), `electron-updater` (the
     * Electron shell's AppImage or NSIS installer), `none` (offers are reported, never installed).
     */
    installer: z.enum(['apt-repository', 'deb', 'electron-updater', 'none']).default('deb'),
    /** How long the new version has, from its first start, to confirm it is healthy before it is rolled back. */
    healthCheckSeconds: z.number().int().min(30).max(3600).default(300),
    /** Where packages are downloaded and the installed ones kept for a rollback; default `<dataDir>/updates`. Relative to the config file. */
    downloadDir: z.string().min(1).optional(),
    /** A package is installed only once no citizen session has run for this long. */
    idleSeconds: z.number().int().min(0).max(86_400).default(120),
    /** How long one download may take. */
    downloadTimeoutSeconds: z.number().int().min(10).max(86_400).default(1800),
    /** A manifest announcing a bigger package is refused. */
    maxPackageMiB: z.number().int().min(1).max(8192).default(1024),
  })
  .strict();
export type FleetUpdatesConfig = z.infer<typeof fleetUpdatesSchema>;

export const fleetSchema = z
  .object({
    /** The operator's broker; without it nothing leaves the terminal but cases (metrics may still be scraped locally). */
    mqtt: fleetMqttSchema.optional(),
    /** Telemetry at this interval, and at once on a change that matters. */
    telemetryIntervalS: z.number().int().min(5).max(3600).default(60),
    /** Prometheus `/metrics` on 127.0.0.1 at this port (0: a free one, logged at start). */
    metrics: z
      .object({ port: z.number().int().min(0).max(65535) })
      .strict()
      .optional(),
    /** Staged updates; without it the terminal ignores the `update` attribute. */
    updates: fleetUpdatesSchema.optional(),
  })
  .strict();
export type FleetConfig = z.infer<typeof fleetSchema>;
