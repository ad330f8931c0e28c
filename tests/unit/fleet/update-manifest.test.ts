import fc from 'fast-check';
import { sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { compareVersions, isInShare, readUpdateAttribute, rolloutPosition } from '../../../main/fleet/update-manifest.ts';
import { signedManifest, updateAttributeOf } from '../../../scripts/update-signing.ts';

const release = sm2.generateKeyPairHex();
const bytes = Buffer.from('a package');
const attribute = (share = 1) => updateAttributeOf({ bytes, format: 'deb', version: '0.2.0', url: 'https://updates.example.cn/p.deb', privateKey: release.privateKey, share });
const terminals = Array.from({ length: 2000 }, (_, i) => `T-${String(i).padStart(4, '0')}`);

describe('update versions', () => {
  it('orders versions as semver does', () => {
    const ordered = ['0.1.0', '0.1.1', '0.2.0-alpha', '0.2.0-alpha.1', '0.2.0-alpha.beta', '0.2.0-beta', '0.2.0-beta.2', '0.2.0-beta.11', '0.2.0-rc.1', '0.2.0', '0.10.0', '1.0.0', '10.0.0'];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(Math.sign(compareVersions(ordered[i] ?? '', ordered[j] ?? '')), `${ordered[i]} vs ${ordered[j]}`).toBe(Math.sign(i - j));
      }
    }
  });
});

describe('rollout share', () => {
  it('places each terminal at the same point for a version, in [0, 1)', () => {
    for (const id of terminals.slice(0, 50)) {
      const position = rolloutPosition(id, '0.2.0');
      expect(position).toBe(rolloutPosition(id, '0.2.0'));
      expect(position).toBeGreaterThanOrEqual(0);
      expect(position).toBeLessThan(1);
    }
  });

  it('only adds terminals as the share rises, and takes about the share of the fleet', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [low, high] = a < b ? [a, b] : [b, a];
        const lowSet = terminals.filter((id) => isInShare(id, '0.2.0', low));
        const highSet = new Set(terminals.filter((id) => isInShare(id, '0.2.0', high)));
        return lowSet.every((id) => highSet.has(id));
      }),
      { numRuns: 50 },
    );
    const quarter = terminals.filter((id) => isInShare(id, '0.2.0', 0.25)).length / terminals.length;
    expect(quarter).toBeGreaterThan(0.2);
    expect(quarter).toBeLessThan(0.3);
    expect(terminals.filter((id) => isInShare(id, '0.2.0', 0))).toEqual([]);
    expect(terminals.filter((id) => isInShare(id, '0.2.0', 1))).toHaveLength(terminals.length);
  });

  it('puts different terminals first for the next version', () => {
    const first = terminals.filter((id) => isInShare(id, '0.2.0', 0.1));
    const next = new Set(terminals.filter((id) => isInShare(id, '0.3.0', 0.1)));
    expect(first.filter((id) => next.has(id)).length).toBeLessThan(first.length / 2);
  });
});

describe('the update attribute', () => {
  it('reads a signed offer', () => {
    const reading = readUpdateAttribute(attribute(0.25), release.publicKey);
    expect(reading).toMatchObject({ kind: 'offer', share: 0.25, offer: { update: { format: 'deb', version: '0.2.0', size: bytes.byteLength } } });
  });

  it('refuses a manifest another key signed, an edited one, or a signed text that is not a manifest', () => {
    expect(readUpdateAttribute(attribute(), sm2.generateKeyPairHex().publicKey)).toMatchObject({ kind: 'refused', problem: expect.stringMatching(/^bad-signature/) });
    const good = attribute();
    expect(readUpdateAttribute({ ...good, manifest: good.manifest.replace('0.2.0', '0.9.0') }, release.publicKey)).toMatchObject({ kind: 'refused' });
    expect(readUpdateAttribute({ ...signedManifest('not json', release.privateKey), share: 1 }, release.publicKey)).toMatchObject({ kind: 'refused', problem: 'bad-manifest: the signed manifest is not JSON' });
    const extra = { ...JSON.parse(good.manifest), minVersion: '0.1.0' };
    expect(readUpdateAttribute({ ...signedManifest(JSON.stringify(extra), release.privateKey), share: 1 }, release.publicKey)).toMatchObject({ kind: 'refused', problem: expect.stringMatching(/^bad-manifest: .*minVersion/) });
  });

  it('never throws on anything the operator (or anyone on the broker) may send', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ manifest: fc.string(), signature: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 128, maxLength: 128 }), share: fc.double() })), (value) => {
        const reading = readUpdateAttribute(value, release.publicKey);
        return reading.kind === 'malformed' || reading.kind === 'refused';
      }),
      { numRuns: 300 },
    );
  });
});
