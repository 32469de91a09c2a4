import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../analyzer/config/load-config';
import { configJsonSchema } from '../analyzer/config/json-schema';

const label = 'routeguard.config.json';
const errorOf = (raw: unknown) => {
  try {
    resolveConfig(raw, label);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('config validation', () => {
  it.each([
    [{ rules: { 'missing-auth': { severity: 'hgih' } } }, 'routeguard.config.json: rules.missing-auth.severity: expected one of critical|high|medium|low|off, got "hgih"'],
    [{ rules: { 'missing-auth': 'hgih' } }, 'routeguard.config.json: rules.missing-auth: expected one of critical|high|medium|low|off or { "severity": … }, got "hgih"'],
    [{ rules: { 'missing-authh': 'off' } }, 'routeguard.config.json: rules.missing-authh: unknown rule (did you mean "missing-auth"?)'],
    [{ authGaurds: ['x'] }, 'routeguard.config.json: authGaurds: unknown key (did you mean "authGuards"?)'],
    [{ authGuards: 'requireAuth' }, 'routeguard.config.json: authGuards: expected array, got string'],
    [{ publicRoutes: [{ path: '/kiosk' }] }, 'routeguard.config.json: publicRoutes.0.reason: expected string, got nothing'],
  ])('%j → one line naming the path', (raw, message) => {
    expect(errorOf(raw)).toBe(message);
  });

  it('accepts a complete config and applies defaults', () => {
    const config = resolveConfig({ authGuards: ['mustBeSignedIn'], rules: { 'missing-auth': 'medium' }, publicRoutes: [{ path: '/kiosk/**', reason: 'kiosk' }] }, label);
    expect(config.authGuards).toEqual(['mustBeSignedIn']);
    expect(config.rules['missing-auth']).toEqual({ severity: 'medium' });
    expect(config.publicRoutes).toEqual([{ method: '*', path: '/kiosk/**', reason: 'kiosk' }]);
    expect(config.maxFileSize).toBe(1024 * 1024);
  });
});

describe('published JSON schema', () => {
  it('is the one generated from the zod schema (run `npm run schema` after changing the config or the rule catalog)', () => {
    const committed = JSON.parse(fs.readFileSync(new URL('../schema/routeguard.config.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(configJsonSchema());
  });
});
