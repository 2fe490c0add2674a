/**
 * The built front end (`web/dist`) served at `/`: files as they are (hashed assets cached for a year, index.html
 * never), and index.html for any other GET that a browser sends for a page, so client routes such as `/voters`
 * survive a reload. `/api` and `/docs` keep their JSON 404.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

/** The directory holding index.html, or undefined when the front end has not been built. */
export function webRootOf(webDir: string): string | undefined {
  const root = resolve(webDir);
  return existsSync(resolve(root, 'index.html')) ? root : undefined;
}

export async function registerWeb(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: true,
    index: false,
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
}

/** A page request the front end answers (not the API, not the docs, not a file with an extension). */
export function isPageRequest(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '';
  if (/^\/(api|docs)(\/|$)/.test(path)) return false;
  return !/\.[a-z0-9]+$/i.test(path);
}

export function sendIndex(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
}
