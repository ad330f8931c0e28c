import { describe, expect, it } from 'vitest';
import { REDACTED, withoutSecrets } from '../../../kiosk-config/kioskctl/diagnostics/secret-redaction.ts';

describe('a config without its secrets (kioskctl diagnostics)', () => {
  it('replaces every key, password, token, hash and the enrolment code, at any depth, and keeps the rest', () => {
    const config = {
      terminalId: 'T-1',
      platform: { baseUrl: 'https://platform.example/', enrolmentCode: 'ABCD-EFGH' },
      catalogue: { platformKey: '04ab', areaCode: '310115' },
      fleet: { broker: { url: 'mqtts://fleet', password: 'pw', apiToken: 't', clientSecret: 's' } },
      staff: [{ id: 'S001', passwordHash: 'scrypt$…' }],
      devices: [{ id: 'scanner', connection: { type: 'keyboard' } }],
    };
    expect(withoutSecrets(config)).toEqual({
      terminalId: 'T-1',
      platform: { baseUrl: 'https://platform.example/', enrolmentCode: REDACTED },
      catalogue: { platformKey: REDACTED, areaCode: '310115' },
      fleet: { broker: { url: 'mqtts://fleet', password: REDACTED, apiToken: REDACTED, clientSecret: REDACTED } },
      staff: [{ id: 'S001', passwordHash: REDACTED }],
      devices: [{ id: 'scanner', connection: { type: 'keyboard' } }],
    });
  });
});
