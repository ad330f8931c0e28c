import { HttpPlatformAdapter } from '../../main/platform/http-platform-adapter.ts';

/**
 * The kiosk's platform adapter asking a platform's health, in a process of its own (so its TLS trust is what its
 * environment says): prints "reachable" or "unreachable: <cause>". `node platform-health-child.ts <baseUrl>`.
 */
const adapter = new HttpPlatformAdapter({ baseUrl: process.argv[2] ?? '', timeoutMs: 5000 });
try {
  await adapter.checkHealth();
  console.log('reachable');
} catch (error) {
  const cause = (error as { cause?: { code?: string; cause?: { code?: string } } }).cause;
  console.log(`unreachable: ${cause?.code ?? cause?.cause?.code ?? (error as Error).message}`);
}
