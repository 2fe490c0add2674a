/** Worker threads that run one of our modules, from the compiled build or, under tsx or vitest, from the sources. */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * A worker running `entry`, a module URL given without its extension (`new URL('./x', import.meta.url)` from a file
 * beside it); `isTs` says whether the caller runs from TypeScript sources, in which case tsx's loader is registered
 * in the worker first.
 */
export function startModuleWorker(entry: URL, isTs: boolean, options: { resourceLimits?: ResourceLimits; workerData?: unknown } = {}): Worker {
  const file = new URL(`${entry.href}${isTs ? '.ts' : '.js'}`);
  if (!isTs) return new Worker(file, options);
  // tsx's ES-module API (the package's `import` condition), found from here whatever the working directory
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file.href)}); });`;
  return new Worker(code, { ...options, eval: true });
}
