import type { BrokerSettings } from './fleet-link-settings.ts';

/** The broker's certificate did not verify: why, in a technician's words, by Node's error code. */
const BROKER_CERTIFICATE: Readonly<Record<string, string>> = {
  SELF_SIGNED_CERT_IN_CHAIN: 'is not signed by a CA this terminal trusts',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'is self-signed and not one this terminal trusts',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'is not signed by a CA this terminal trusts',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'is not signed by a CA this terminal trusts',
  UNABLE_TO_GET_ISSUER_CERT: 'is not signed by a CA this terminal trusts',
  CERT_HAS_EXPIRED: 'has expired (or the terminal’s clock is wrong)',
  CERT_NOT_YET_VALID: 'is not valid yet (or the terminal’s clock is wrong)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'is for another host name than the one in the URL',
};

/** The broker refused the terminal's own certificate (its TLS alert, as OpenSSL names it). */
const CLIENT_CERTIFICATE: Readonly<Record<string, string>> = {
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'is not signed by a CA the broker trusts',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'was refused by the broker',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: 'has expired, says the broker',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED: 'is revoked, says the broker',
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'is required by the broker, and none is configured',
};

/**
 * Why a connection attempt to the fleet broker failed, said so that a technician knows which file to look at: the
 * certificate problems of an mqtts:// connection named with the configured files; anything else as it came.
 */
export const explainBrokerFailure = (error: unknown, broker: BrokerSettings): string => {
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const brokerProblem = BROKER_CERTIFICATE[code];
  if (brokerProblem !== undefined) {
    const trusted = broker.caFile === undefined ? 'the system’s CAs (set fleet.mqtt.caFile to the broker’s CA)' : `the CA in ${broker.caFile}`;
    return `the broker's certificate ${brokerProblem}; checked against ${trusted} (${code}: ${message})`;
  }
  const clientProblem = CLIENT_CERTIFICATE[code];
  if (clientProblem !== undefined) {
    const ours = broker.auth?.kind === 'client-certificate' ? `the terminal's certificate ${broker.auth.certFile}` : "the terminal's certificate";
    return `${ours} ${clientProblem} (${code})`;
  }
  return message;
};
