import { writeFile } from 'node:fs/promises';
import { renderApiDocs } from './api-docs.ts';

await writeFile(new URL('../docs/api.md', import.meta.url), renderApiDocs());
console.log('wrote docs/api.md');
