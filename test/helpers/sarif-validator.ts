/**
 * Validates SARIF logs against the official 2.1.0 schema (test/data/sarif-2.1.0-rtm.5.json, from
 * the npm package @microsoft/jest-sarif). The schema is draft-04, which ajv 8 does not load as
 * such; it uses no draft-04-only keyword except the top-level `id`, so it is adapted to draft-07
 * by renaming that one key.
 */
import Ajv, { type ErrorObject } from 'ajv';
import { readFileSync } from 'node:fs';

const SCHEMA_PATH = new URL('../data/sarif-2.1.0-rtm.5.json', import.meta.url);

function loadSchema(): Record<string, unknown> {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  const { $schema: _draft04, id, ...rest } = schema;
  return { $id: id, ...rest };
}

export function createSarifValidator(): (log: unknown) => ErrorObject[] {
  // The schema's `language` pattern `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$` has a stray `]`, which
  // is a syntax error under the `u` flag ajv uses by default; plain RegExp semantics accept it.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) && URL.canParse(s));
  // A URI reference may be relative; what must never appear is a space or a Windows separator.
  ajv.addFormat('uri-reference', (s: string) => !/[\s\\]/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile(loadSchema());
  return (log) => (validate(log) ? [] : [...(validate.errors ?? [])]);
}
