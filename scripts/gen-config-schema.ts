// Writes schema/routeguard.config.schema.json from the zod schema (the single source of truth).
// Run: npm run schema
import fs from 'node:fs';
import { configJsonSchema } from '../analyzer/config/json-schema';

fs.writeFileSync('schema/routeguard.config.schema.json', `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
