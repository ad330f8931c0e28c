import { writeFile } from 'node:fs/promises';
import { renderConfigJsonSchema } from './config-json-schema.ts';

await writeFile(new URL('../kiosk-config/terminal-config.schema.json', import.meta.url), renderConfigJsonSchema());
console.log('wrote kiosk-config/terminal-config.schema.json');
