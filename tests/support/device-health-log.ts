/** A device's health as the host logs it ('device health' lines of its structured log on stderr). */
export interface LoggedDeviceHealth {
  kind: string;
  state: string;
  reason: string | null;
}

/** Each device's latest logged health, from a host's stderr (pino JSON lines; other lines are skipped). */
export const latestDeviceHealth = (stderr: string): Map<string, LoggedDeviceHealth> => {
  const latest = new Map<string, LoggedDeviceHealth>();
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { msg?: string; device?: string; kind?: string; state?: string; reason?: string | null };
    if (entry.msg !== 'device health' || entry.device === undefined) continue;
    latest.set(entry.device, { kind: entry.kind ?? '', state: entry.state ?? '', reason: entry.reason ?? null });
  }
  return latest;
};
