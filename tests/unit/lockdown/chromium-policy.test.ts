import { describe, expect, it } from 'vitest';
import { shippedChromiumPolicy } from '../../../main/lockdown/chromium-policy.ts';

/** The shipped managed policy closes what a citizen could reach from the kiosk window (docs/security.md). */
describe('the shipped Chromium policy', () => {
  it('closes developer tools, every URL but the host\'s loopback origin and the launch files, downloads and printing', async () => {
    const policy = await shippedChromiumPolicy();
    expect(policy).toMatchObject({
      DeveloperToolsAvailability: 2,
      RemoteDebuggingAllowed: false,
      URLBlocklist: ['*'],
      URLAllowlist: ['http://127.0.0.1', 'file:///run/gov-service-kiosk/launch/'],
      DownloadRestrictions: 3,
      PrintingEnabled: false,
      AllowFileSelectionDialogs: false,
      IncognitoModeAvailability: 1,
      BrowserGuestModeEnabled: false,
      ExtensionInstallBlocklist: ['*'],
      PasswordManagerEnabled: false,
      AutofillAddressEnabled: false,
      TranslateEnabled: false,
      DefaultWebHidGuardSetting: 2,
      DefaultSerialGuardSetting: 2,
      DefaultWebUsbGuardSetting: 2,
    });
  });
});
