import { z } from 'zod';
import { terminalConfigSchema } from '../main/config/terminal-config.ts';

/**
 * The terminal config as a JSON Schema (draft 2020-12), for a technician's editor: a config that names it in
 * `"$schema"` gets completion and red squiggles as it is typed. It describes what a file may hold (the schema's
 * input side); cross-field rules (a cabinet's door sizes within its doors, unique labels) are checked by
 * `kioskctl config validate` and at start, not by the editor.
 */
export const renderConfigJsonSchema = (): string => {
  const schema = z.toJSONSchema(terminalConfigSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, $id: 'https://gov-service-kiosk.example/terminal-config.schema.json', title: 'Terminal config' }, null, 2)}\n`;
};
