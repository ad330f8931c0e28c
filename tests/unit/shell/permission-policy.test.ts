import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../main/shell/app-protocol.ts';
import { decidePermission, type PermissionGrant } from '../../../main/shell/permission-policy.ts';

const ownPage = 'app://kiosk/index.html';

describe('permission handler', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'fullscreen', 'openExternal'])(
    'denies %s by default',
    (permission) => {
      expect(decidePermission({ permission, requestingUrl: ownPage, mediaTypes: ['video'] }, [], isAppUrl)).toBe(false);
    },
  );

  const cameraOnly: PermissionGrant[] = [{ permission: 'media', mediaTypes: ['video'] }];

  it('grants only what a grant names, to the kiosk page only', () => {
    expect(decidePermission({ permission: 'media', requestingUrl: ownPage, mediaTypes: ['video'] }, cameraOnly, isAppUrl)).toBe(true);
    expect(decidePermission({ permission: 'media', requestingUrl: ownPage, mediaTypes: ['video', 'audio'] }, cameraOnly, isAppUrl)).toBe(false);
    expect(decidePermission({ permission: 'media', requestingUrl: ownPage, mediaTypes: [] }, cameraOnly, isAppUrl)).toBe(false);
    expect(decidePermission({ permission: 'media', requestingUrl: 'https://evil.example/', mediaTypes: ['video'] }, cameraOnly, isAppUrl)).toBe(false);
  });
});
