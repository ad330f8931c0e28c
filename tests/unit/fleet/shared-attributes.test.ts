import { describe, expect, it } from 'vitest';
import { configOverlayHash, configOverlayOf, parseAttributesResponse, parseAttributesUpdate } from '../../../main/fleet/shared-attributes.ts';

describe('shared attributes', () => {
  it('takes an update, leaving out the terminal’s own client attributes heard back and collecting deletions', () => {
    const own = new Set(['online', 'appVersion']);
    expect(parseAttributesUpdate('{"online": true, "appVersion": "1", "targetVersion": "2"}', own)).toEqual({ ok: true, shared: { targetVersion: '2' }, deleted: [] });
    expect(parseAttributesUpdate('{"deleted": ["config", 3]}', own)).toEqual({ ok: true, shared: {}, deleted: ['config'] });
  });

  it('takes the response to the request at connect', () => {
    expect(parseAttributesResponse('{"shared": {"config": {"a": 1}}}')).toEqual({ ok: true, shared: { config: { a: 1 } }, deleted: [] });
    expect(parseAttributesResponse('{"client": {"x": 1}}')).toEqual({ ok: true, shared: {}, deleted: [] });
  });

  it('refuses what is not JSON or not an object, without throwing', () => {
    for (const text of ['{', '[]', '"x"', 'null', '7']) {
      expect(parseAttributesUpdate(text, new Set()).ok).toBe(false);
      expect(parseAttributesResponse(text).ok).toBe(false);
    }
    expect(parseAttributesResponse('{"shared": [1]}').ok).toBe(false);
  });

  it('reads the config overlay as an object or as a string holding one', () => {
    expect(configOverlayOf({ a: 1 })).toEqual({ ok: true, overlay: { a: 1 } });
    expect(configOverlayOf('{"a": 1}')).toEqual({ ok: true, overlay: { a: 1 } });
    expect(configOverlayOf([1])).toMatchObject({ ok: false });
    expect(configOverlayOf('{')).toMatchObject({ ok: false, problem: expect.stringMatching(/^the config shared attribute is not JSON/) });
  });

  it('hashes an overlay the same whatever the order of its keys', () => {
    expect(configOverlayHash({ a: 1, b: { c: [1, 2], d: null } })).toBe(configOverlayHash({ b: { d: null, c: [1, 2] }, a: 1 }));
    expect(configOverlayHash({ a: 1 })).not.toBe(configOverlayHash({ a: 2 }));
    expect(configOverlayHash({ a: 1 })).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
