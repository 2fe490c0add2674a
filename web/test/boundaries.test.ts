/**
 * Shared code flows app → features → components/api: a feature never imports another feature or the app, and
 * components/api import no feature. (abacus keeps the same rule with eslint's no-restricted-paths.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each relative import of a file, resolved to a path under src (`features/voters/x`). */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) =>
    relative(src, resolve(dirname(file), m[1] ?? m[2]!)).split(sep).join('/'),
  );
}

export function violations(): string[] {
  const found: string[] = [];
  for (const file of files(src)) {
    const from = relative(src, file).split(sep).join('/');
    const [top, area] = from.split('/');
    for (const target of imports(file)) {
      const [targetTop, targetArea] = target.split('/');
      if (top === 'features' && targetTop === 'features' && targetArea !== area) found.push(`${from} → ${target}`);
      if (top !== 'app' && targetTop === 'app') found.push(`${from} → ${target}`);
      if ((top === 'components' || top === 'api') && targetTop === 'features') found.push(`${from} → ${target}`);
    }
  }
  return found;
}

describe('import boundaries', () => {
  it('no feature imports another feature or the app; components and api import no feature', () => {
    expect(violations()).toEqual([]);
  });

  it('sees a crossing when there is one', () => {
    const [top, area] = 'features/voters/list.tsx'.split('/');
    const [targetTop, targetArea] = 'features/candidates/x'.split('/');
    expect(top === 'features' && targetTop === 'features' && targetArea !== area).toBe(true);
    expect(files(src).length).toBeGreaterThan(5);
    expect(imports(join(src, 'app/router.tsx'))).toContain('features/auth/login-page');
  });
});
