import { CatalogueStore } from '../../main/catalogue/catalogue-store.ts';
import { CatalogueSync } from '../../main/catalogue/catalogue-sync.ts';
import { HttpPlatformAdapter } from '../../main/platform/http-platform-adapter.ts';

/**
 * A terminal's catalogue sync as its own process, so a test can kill it with SIGKILL at any step:
 * `node catalogue-sync-child.ts <db> <platform url> <public key>`. Prints each step as it is passed, then the outcome.
 */
const [db, url, publicKey] = process.argv.slice(2);
if (db === undefined || url === undefined || publicKey === undefined) throw new Error('usage: catalogue-sync-child.ts <db> <url> <public key>');
const store = new CatalogueStore(db);
const sync = new CatalogueSync({
  store,
  source: new HttpPlatformAdapter({ baseUrl: url, timeoutMs: 10_000 }),
  publicKey,
  scope: {},
  onStage: (stage) => process.stdout.write(`${stage}\n`),
});
const outcome = await sync.syncOnce();
store.close();
process.stdout.write(`done ${outcome.kind} ${outcome.version}\n`);
