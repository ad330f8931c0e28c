import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALERT_QUEUE_FILE, AlertQueue } from '../../../main/fleet/alert-queue.ts';
import type { KioskAlert } from '../../../main/fleet/alerts.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'alert-queue-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const alert = (message: string, extra: Partial<KioskAlert> = {}): KioskAlert => ({ kind: 'paper-out', message, at: '2024-06-01T10:00:00.000Z', ...extra });

describe('AlertQueue (a real SQLite file)', () => {
  it('keeps alerts oldest first across reopening, numbered for good, and in a 0600 file', () => {
    const queue = AlertQueue.open(dir);
    queue.add(alert('one', { detail: { printer: 'p1' } }));
    queue.add(alert('two', { cleared: true }));
    queue.close();
    expect(statSync(path.join(dir, ALERT_QUEUE_FILE)).mode & 0o777).toBe(0o600);

    const again = AlertQueue.open(dir);
    expect(again.oldest()).toEqual({ seq: 1, kind: 'paper-out', message: 'one', at: Date.parse('2024-06-01T10:00:00.000Z'), cleared: false, detail: { printer: 'p1' } });
    again.delivered(1, 0);
    expect(again.oldest()).toMatchObject({ seq: 2, message: 'two', cleared: true, detail: null });
    again.delivered(2, 0);
    expect(again.oldest()).toBeNull();
    expect(again.add(alert('three')).seq).toBe(3);
    again.close();
  });

  it('drops the oldest past its capacity and counts them until an alert carrying the count is delivered', () => {
    const queue = AlertQueue.open(dir, 2);
    queue.add(alert('1'));
    queue.add(alert('2'));
    expect(queue.add(alert('3'))).toEqual({ seq: 3, dropped: 1 });
    queue.add(alert('4'));
    expect(queue.size()).toBe(2);
    expect(queue.dropped()).toBe(2);
    expect(queue.oldest()?.message).toBe('3');
    // The alert that reported 2 goes; one more was dropped meanwhile: that one is still to tell.
    queue.add(alert('5'));
    queue.delivered(4, 2);
    expect(queue.dropped()).toBe(1);
    queue.close();
  });
});
