/**
 * The typed API client (openapi-fetch over the generated `paths`): every request carries the bearer token; a 401
 * signs the user out; `unwrap` turns an error answer into an `ApiError` that the screens show in Chinese.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { getToken, setToken } from './session';
import { ERROR_TEXT, statusText } from './error-text';

export interface ApiErrorBody {
  readonly code: string;
  readonly message?: string;
  readonly messageZh?: string;
  readonly rule?: string;
  readonly details?: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly rule: string | undefined;
  readonly details: unknown;

  constructor(status: number, body: Partial<ApiErrorBody> | undefined) {
    const code = body?.code ?? (status === 0 ? 'NETWORK' : `HTTP_${status}`);
    super(body?.message ?? code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.messageZh = body?.messageZh ?? ERROR_TEXT[code] ?? statusText(status);
    this.rule = body?.rule;
    this.details = body?.details;
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = getToken();
    if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.endsWith('/auth/login')) setToken(null);
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/** The body of a successful answer, or an `ApiError` thrown with the server's code, Chinese message and rule. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (cause) {
    if (cause instanceof ApiError) throw cause;
    throw new ApiError(0, undefined);
  }
  if (result.response.ok) return result.data as NonNullable<T>;
  const body = (result.error as { error?: ApiErrorBody } | undefined)?.error;
  throw new ApiError(result.response.status, body);
}

/** Authenticated fetch for what openapi-fetch does not model well (file downloads, uploads with progress). */
export async function authorizedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = getToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError(0, undefined);
  }
  if (response.status === 401) setToken(null);
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: ApiErrorBody } | undefined;
    throw new ApiError(response.status, body?.error);
  }
  return response;
}
