/** The config's JSON Schema, generated from the zod schema so the two cannot drift apart. */
import { z } from 'zod';
import { allRules } from '../../rules';
import { configSchema } from './load-config';

export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-7' }) as { properties: Record<string, Record<string, unknown>> } & Record<string, unknown>;
  // Editors complete rule ids from this list (the zod schema checks them with a suggestion instead).
  schema.properties.rules = { ...schema.properties.rules, propertyNames: { enum: allRules.map((r) => r.id).sort() } };
  return { ...schema, $id: 'https://routeguard.dev/schema/routeguard.config.schema.json', title: 'RouteGuard configuration' };
}
