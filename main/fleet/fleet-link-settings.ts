/**
 * What the fleet link needs of the `fleet` config section (main/config/fleet-config.ts). A service does not import the
 * config room: the host passes the parsed section in, and it fits these shapes.
 */

/** Where a secret is: a file only its owner may read, or a credential systemd hands the service. */
export type SecretReference = { readonly file: string } | { readonly credential: string };

/** How the terminal proves itself to the broker. */
export type BrokerAuth =
  | { readonly kind: 'access-token'; readonly token: SecretReference }
  | { readonly kind: 'password'; readonly username: string; readonly password: SecretReference }
  | { readonly kind: 'client-certificate'; readonly certFile: string; readonly keyFile: string };

export interface BrokerSettings {
  /** mqtt:// or mqtts:// */
  readonly url: string;
  readonly auth?: BrokerAuth | undefined;
  readonly caFile?: string | undefined;
  readonly clientId?: string | undefined;
  readonly topicBase: string;
  readonly keepaliveSeconds: number;
  readonly reconnect: { readonly firstDelaySeconds: number; readonly maxDelaySeconds: number };
}

export interface FleetLinkSettings {
  /** Required by the link (the host starts none without it). */
  readonly mqtt?: BrokerSettings | undefined;
  readonly telemetryIntervalS: number;
}
