/**
 * The wording of every paper lives in `templates/<kind>.json` (zh-CN, one file per paper): a flat object of
 * strings with `{{placeholders}}` filled from the view model. Files are read once per process.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Template = Readonly<Record<string, string>>;

let templatesDir: string | undefined;
const cache = new Map<string, Template>();

function directory(): string {
  if (templatesDir) return templatesDir;
  // src/pdf → ../../templates (also from dist/src/pdf → ../../../templates); else the working directory.
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '..', '..', 'templates'), resolve(here, '..', '..', '..', 'templates'), resolve(process.cwd(), 'templates')];
  templatesDir = candidates.find((d) => existsSync(join(d, 'election-notice.json'))) ?? candidates[0]!;
  return templatesDir;
}

export function loadTemplate(kind: string): Template {
  let t = cache.get(kind);
  if (!t) {
    const parsed = JSON.parse(readFileSync(join(directory(), `${kind}.json`), 'utf8')) as Record<string, unknown>;
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== 'string') throw new Error(`template ${kind}: ${key} is not a string`);
    }
    t = Object.freeze(parsed as Record<string, string>);
    cache.set(kind, t);
  }
  return t;
}

export type Vars = Readonly<Record<string, string | number>>;

/** Fills `{{name}}` placeholders; a placeholder without a value is a programming error (thrown, never printed). */
export function fill(text: string, vars: Vars = {}): string {
  return text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_m, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`template placeholder {{${name}}} has no value`);
    return String(value);
  });
}

/** A template's text by key, filled. */
export function say(t: Template, key: string, vars?: Vars): string {
  const text = t[key];
  if (text === undefined) throw new Error(`template has no "${key}"`);
  return fill(text, vars);
}
