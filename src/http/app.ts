/** buildApp(): the Fastify instance with every plugin and route, not listening (tests use app.inject). */
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import helmet from 'helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import type { Config } from '../config.js';
import { sqlStateOf, type Database, type Db } from '../db/client.js';
import type { TokenKey } from './auth.js';
import { loadSecrets } from '../secrets.js';
import { prepareAuditChain } from '../db/audit.js';
import { issueZh } from './validation.js';
import { AppError, errors } from '../domain/errors.js';
import { guardPlugin } from './guard.js';
import { logSerializers, maskLogLine, redactPaths } from './logging.js';
import { routes } from './routes/index.js';
import { invalidateResults } from '../services/result-cache.js';
import { createJobQueue, type JobQueue } from '../jobs/jobs.js';
import { documentJob, startJobOutputSweeper } from '../jobs/documents.js';
import { createRenderPool, type RenderPool } from '../pdf/render-thread.js';
import { metricsPlugin } from './metrics.js';
import { isPageRequest, registerWeb, sendIndex, webRootOf } from './web.js';

export interface AppDeps {
  readonly config: Config;
  readonly database: Database;
  readonly db: Db;
  readonly tokenKey: TokenKey;
  /** Today's calendar date (YYYY-MM-DD) in the configured time zone; tests pin it. */
  readonly today: () => string;
  /** The clock itself (tests and the demo pin it). */
  readonly now: () => Date;
  /** The job queue (bulk papers). */
  readonly jobs: JobQueue;
  /** Papers are drawn in these threads, never on the request thread. */
  readonly renderer: RenderPool;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export interface BuildAppOptions {
  readonly config: Config;
  readonly database: Database;
  /** A writable stream for log lines (tests capture them to check that no identity number leaks). */
  readonly logStream?: NodeJS.WritableStream;
  /** The clock; tests pass a fixed one so phase and date rules are reproducible. */
  readonly now?: () => Date;
}

/** The areas of the API (OpenAPI tags), named in Chinese where a clerk reads /docs. */
const API_TAGS = [
  { name: 'system', description: '系统' },
  { name: 'auth', description: '登录与当前用户' },
  { name: 'users', description: '用户管理' },
  { name: 'geography', description: '区与街道' },
  { name: 'audit', description: '审计日志' },
  { name: 'rounds', description: '换届选举轮次' },
  { name: 'communities', description: '社区、居民小组、驻区单位' },
  { name: 'voters', description: '选民登记、名单公布与申诉' },
  { name: 'representatives', description: '居民代表' },
  { name: 'party', description: '党员名册' },
  { name: 'candidates', description: '提名与候选人' },
  { name: 'meetings', description: '选举会议' },
  { name: 'tally', description: '计票' },
  { name: 'filing', description: '核查、备案与证书' },
  { name: 'reports', description: '工作报告' },
  { name: 'documents', description: '文书（PDF）' },
  { name: 'jobs', description: '后台任务' },
];

/**
 * The Content-Security-Policy of every answer (the front end at `/` is what it protects): scripts only from the
 * service's own files (Vite's build has no inline script), no plugin or base-URL tricks, framed only by itself.
 * Styles may be inline: Ant Design's CSS-in-JS writes <style> elements at run time. Images, frames and windows may be
 * `blob:` URLs the page made itself (PDF previews, downloads). No `upgrade-insecure-requests`: the service is reached
 * over plain HTTP inside an office network too, where it would break every file. The API documents at /docs
 * (swagger-ui) work under the same policy: their scripts are files, their injected styles are inline, and the online
 * validator's badge (an image from validator.swagger.io) is switched off. Checked in a browser by web/e2e/csp.spec.ts
 * (every e2e page fails its test on a violation).
 */
export const CONTENT_SECURITY_POLICY: Readonly<Record<string, readonly string[]>> = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'self'"],
  formAction: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameSrc: ["'self'", 'blob:'],
  workerSrc: ["'self'", 'blob:'],
  manifestSrc: ["'self'"],
};

/** Answers of the API are never stored by a browser or a proxy: most carry personal data (identity numbers, names). */
const NO_STORE = 'no-store';

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08006', '08001', '08003']);

/** A lost or refused database connection, looking through wrappers (drizzle's DrizzleQueryError keeps it in `cause`). */
function isConnectionError(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | null | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth += 1) {
    const { code, message } = e;
    if (typeof code === 'string' && CONNECTION_ERRORS.has(code)) return true;
    if (
      typeof message === 'string' &&
      /Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|terminating connection|Client was closed and is not queryable|timeout exceeded when trying to connect/.test(message)
    ) {
      return true;
    }
  }
  return false;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: redactPaths, censor: '[masked]' },
      serializers: logSerializers,
      hooks: { streamWrite: maskLogLine },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const { tokenKey } = loadSecrets(config);
  await prepareAuditChain(database.db);
  const now = options.now ?? (() => new Date());
  const today = (): string => DateTime.fromJSDate(now(), { zone: config.timeZone }).toISODate()!;
  // Long work (src/jobs): pg-boss on PostgreSQL (started by startService, or at the first job), in-process on PGlite.
  const jobs = createJobQueue({
    db: database.db,
    log: app.log,
    pool: database.kind === 'postgres' ? database.pool : undefined,
    staleSeconds: config.jobStaleSeconds,
  });
  const renderer = createRenderPool(config.renderThreads !== undefined ? { threads: config.renderThreads } : {});
  jobs.define('document', documentJob(database.db, config.dataDir, renderer));
  if (jobs.mode === 'in-process') app.addHook('onReady', () => jobs.start());
  let stopSweeper = (): void => undefined;
  app.addHook('onReady', async () => {
    stopSweeper = startJobOutputSweeper(config.dataDir, config.jobOutputKeepDays, (error) => app.log.warn({ err: error }, 'job output sweep failed'));
  });
  app.addHook('onClose', async () => {
    stopSweeper();
    await jobs.stop();
    await renderer.close();
  });
  app.decorate('deps', { config, database, db: database.db, tokenKey, today, now, jobs, renderer });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    // A handler may have set a file's headers before it failed (a paper's application/pdf): every error body is JSON,
    // and an object under another content type would itself fail (FST_ERR_REP_INVALID_PAYLOAD_TYPE).
    reply.removeHeader('content-disposition').type('application/json; charset=utf-8');
    if (error instanceof AppError) return reply.status(error.status).send(error.toBody());
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => issueZh(error.validationContext, v));
      const fields = issues.map((i) => i.field).join(', ');
      const said = [...new Set(issues.map((i) => `${i.fieldZh}：${i.messageZh}`))].join('；');
      return reply.status(400).send(errors.badRequest(`Invalid request: ${fields}`, `请求内容有误。${said}`, { issues }).toBody());
    }
    if (error.statusCode === 429) {
      return reply.status(429).send(
        new AppError({ status: 429, code: 'RATE_LIMITED', message: 'Too many requests', messageZh: '请求过于频繁，请稍后再试' }).toBody(),
      );
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(
        new AppError({ status: 413, code: 'BODY_TOO_LARGE', message: 'Request body too large', messageZh: '上传内容过大' }).toBody(),
      );
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send(
        new AppError({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported content type', messageZh: '不支持的内容类型' }).toBody(),
      );
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .status(error.statusCode)
        .send(errors.badRequest(`Malformed request: ${error.message}`, '请求格式有误，无法解析').toBody());
    }
    // Class 22 (data exception): a value the database cannot store (a NUL character, an out-of-range number or date)
    // that validation let through. The request is at fault, not the service; the transaction has rolled back.
    const state = sqlStateOf(error);
    if (state?.startsWith('22')) {
      request.log.warn({ err: { code: state } }, 'value refused by the database');
      return reply.status(400).send(
        errors.badRequest('The request holds a value that cannot be stored (e.g. a NUL character or an out-of-range number)', '请求中含有无法保存的内容（如空字符或超出范围的数值），请检查后重试', { sqlState: state }).toBody(),
      );
    }
    // Class 40 (deadlock, serialisation failure): the database rolled the transaction back; nothing was written and
    // the same request may simply be sent again.
    if (state === '40P01' || state === '40001') {
      request.log.warn({ err: { code: state } }, 'transaction rolled back by the database; retry');
      return reply
        .status(503)
        .header('retry-after', '1')
        .send(
          new AppError({
            status: 503,
            code: 'RETRY',
            message: 'A concurrent change got in the way; nothing was saved, send the request again',
            messageZh: '与其他操作同时进行发生冲突，本次未保存任何内容，请重新提交',
          }).toBody(),
        );
    }
    if (isConnectionError(error)) {
      request.log.warn({ err: { code: (error as { code?: string }).code } }, 'database unavailable');
      return reply.status(503).send(errors.unavailable().toBody());
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(
      new AppError({ status: 500, code: 'INTERNAL', message: 'Internal error', messageZh: '系统内部错误，请联系管理员' }).toBody(),
    );
  });

  const webRoot = webRootOf(config.webDir);
  app.setNotFoundHandler((request, reply) => {
    if (webRoot && isPageRequest(request)) return sendIndex(reply);
    return reply.status(404).send(errors.notFound(`Route ${request.method} ${request.url.split('?')[0]}`, '请求的地址').toBody());
  });

  // Helmet's middleware is built once: @fastify/helmet built it again on every request (3–4 % of a read's CPU in the
  // soak), parsing the same policy each time.
  const securityHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: Object.fromEntries(Object.entries(CONTENT_SECURITY_POLICY).map(([k, v]) => [k, [...v]])) },
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
  await app.register(cors, { origin: config.corsOrigins ? config.corsOrigins.split(',') : false });
  // preHandler: the login limit is keyed by address and user name, so it must run once the body is parsed.
  await app.register(rateLimit, { global: false, hook: 'preHandler' });
  await app.register(swagger, {
    openapi: {
      info: { title: '社区两委换届选举管理系统 API', version: '1.0.0', description: '所有接口位于 /api/v1 下；除登录与健康检查外均须携带 Authorization: Bearer 令牌。错误统一为 Error 结构。' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
      tags: API_TAGS,
    },
    transform: jsonSchemaTransform,
    // Schemas named with .meta({ id }) become components/schemas (their $refs resolve in /docs and openapi-typescript).
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null } });
  // A successful change may change a meeting's result: this instance's cached results are dropped.
  // onSend: before the client can read the answer (and ask again), after the handler's transaction committed.
  // Every answer under /api is `no-store` unless its route said otherwise (files set their own, also no-store).
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) {
      // A tally sheet changes its own meeting's result only (its sheets and contests); any other change, every result.
      const meetingOnly = request.method === 'POST' && request.routeOptions.url === '/api/v1/meetings/:id/tally-sheets';
      invalidateResults(meetingOnly ? (request.params as { id: string }).id : undefined);
    }
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', NO_STORE);
    return payload;
  });
  await app.register(guardPlugin, { tokenKey });
  await app.register(routes, { prefix: '/api/v1' });
  await metricsPlugin(app);
  if (webRoot) await registerWeb(app, webRoot);
  return app;
}
