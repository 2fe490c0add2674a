/**
 * `GET /metrics` (Prometheus text format, prom-client): the process (event-loop delay and its p99, heap, GC), request
 * durations by route, and the PostgreSQL pool (clients, waiting requests, time to get a client). Readable from
 * localhost, or with an admin's token; anyone else gets 403 (behind the reverse proxy, requests are not local).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type pg from 'pg';
import client from 'prom-client';
import { readToken } from './auth.js';
import { errors } from '../domain/errors.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Times every pool checkout (promise and callback form: drizzle's queries use the second). */
function watchPool(pool: pg.Pool, waits: client.Histogram): void {
  const connect = pool.connect.bind(pool) as (cb?: (...args: unknown[]) => void) => Promise<pg.PoolClient> | void;
  (pool as { connect: unknown }).connect = (cb?: (...args: unknown[]) => void) => {
    const end = waits.startTimer();
    if (cb) {
      return connect((...args: unknown[]) => {
        end();
        cb(...args);
      });
    }
    return (connect() as Promise<pg.PoolClient>).finally(end);
  };
}

export async function metricsPlugin(app: FastifyInstance): Promise<void> {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const requests = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'Request duration by route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    requests.observe({ method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  const pool = app.deps.database.pool;
  if (pool) {
    const waits = new client.Histogram({
      name: 'db_pool_wait_seconds',
      help: 'Time to get a client from the PostgreSQL pool',
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    });
    watchPool(pool, waits);
    new client.Gauge({
      name: 'db_pool_clients',
      help: 'PostgreSQL pool clients by state',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }

  const renderer = app.deps.renderer;
  new client.Gauge({
    name: 'render_threads',
    help: 'Paper render threads: running, and papers waiting for one',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'running' }, renderer.threads());
      this.set({ state: 'queued' }, renderer.queued());
    },
  });

  async function allowed(request: FastifyRequest): Promise<boolean> {
    if (LOOPBACK.has(request.socket.remoteAddress ?? '')) return true;
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Bearer ')) return false;
    const principal = await readToken(app.deps.tokenKey, header.slice(7)).catch(() => null);
    return principal?.role === 'admin';
  }

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!(await allowed(request))) throw errors.forbidden();
    return reply.header('content-type', registry.contentType).header('cache-control', 'no-store').send(await registry.metrics());
  });
}
