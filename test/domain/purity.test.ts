import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DOMAIN = join(import.meta.dirname, '../../src/domain');
const ALLOWED_PACKAGES = new Set(['zod', 'luxon', 'cnchar', 'cnchar-order']);
const FORBIDDEN_GLOBALS = [/\bDate\.now\(/, /\bnew Date\(\s*\)/, /\bprocess\.env\b/, /\bMath\.random\(/];

function domainFiles(): string[] {
  return readdirSync(DOMAIN).filter((f) => f.endsWith('.ts'));
}

function importsOf(source: string): string[] {
  const specs: string[] = [];
  for (const match of source.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) specs.push(match[1]!);
  for (const match of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(match[1]!);
  for (const match of source.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) specs.push(match[1]!);
  return specs;
}

describe('src/domain is pure', () => {
  it('has rule files to check', () => {
    expect(domainFiles().length).toBeGreaterThan(5);
  });

  it.each(domainFiles())('%s imports only itself and pure libraries', (file) => {
    const source = readFileSync(join(DOMAIN, file), 'utf8');
    for (const spec of importsOf(source)) {
      const ok = spec.startsWith('./') ? !spec.includes('..') : ALLOWED_PACKAGES.has(spec.split('/')[0]!);
      expect(ok, `${file} imports ${spec}`).toBe(true);
    }
  });

  it.each(domainFiles())('%s reads no clock, environment or randomness', (file) => {
    const source = readFileSync(join(DOMAIN, file), 'utf8');
    for (const pattern of FORBIDDEN_GLOBALS) expect(pattern.test(source), `${file} uses ${pattern}`).toBe(false);
  });
});
