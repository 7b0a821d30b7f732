import i18n from '../i18n';

/** One field's problem as the server reports it: dotted path and a code or message. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** An error answer of the API: `{ error: { code, message, fields? } }`, or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The server's own wording: shown only when the code is unknown to this app. */
  readonly serverMessage: string;
  readonly fields: FieldProblem[];
  readonly params: Record<string, string | number>;

  constructor(status: number, code: string, serverMessage: string, fields: FieldProblem[] = [], params: Record<string, string | number> = {}) {
    super(code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.serverMessage = serverMessage;
    this.fields = fields;
    this.params = params;
  }
}

export type AuthProblem = 'UNAUTHENTICATED' | 'SESSION_EXPIRED' | 'PASSWORD_CHANGE_REQUIRED';

let csrfToken: string | null = null;
let authListener: ((problem: AuthProblem) => void) | null = null;

/** Remembers the CSRF token of the session (from /auth/me or the login answer). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The auth provider listens here to send the user to the login or password page. */
export function setAuthListener(listener: ((problem: AuthProblem) => void) | null): void {
  authListener = listener;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  /** Do not redirect on 401: used by the "who am I" probe and the login form. */
  quietAuth?: boolean;
  signal?: AbortSignal;
}

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Reads the numbers the server put into its message when the body carries no params. */
function paramsFrom(code: string, body: { params?: unknown; message?: string }): Record<string, string | number> {
  if (body.params && typeof body.params === 'object') return body.params as Record<string, string | number>;
  if (code === 'ACCOUNT_LOCKED') {
    const minutes = /(\d+)/.exec(body.message ?? '')?.[1];
    if (minutes) return { minutes: Number(minutes) };
  }
  return {};
}

/**
 * Calls the Renda API: same-origin cookies, the CSRF token on state-changing requests, the UI
 * language as Accept-Language. Throws {@link ApiError} for every failure.
 */
export async function apiRequest<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.language || 'zh-CN' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (STATE_CHANGING.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', '');
  }
  const text = await response.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (response.ok) return json as T;

  const error = (json as { error?: { code?: unknown; message?: unknown; fields?: unknown; params?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : response.status >= 500 ? 'INTERNAL' : 'UNKNOWN';
  const message = typeof error?.message === 'string' ? error.message : '';
  const fields = Array.isArray(error?.fields) ? (error.fields as FieldProblem[]) : [];
  const apiError = new ApiError(response.status, code, message, fields, paramsFrom(code, { params: error?.params, message }));

  if (!options.quietAuth && response.status === 401 && (code === 'UNAUTHENTICATED' || code === 'SESSION_EXPIRED')) authListener?.(code);
  if (code === 'PASSWORD_CHANGE_REQUIRED') authListener?.(code);
  throw apiError;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => apiRequest<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => apiRequest<T>('POST', path, body ?? {}, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => apiRequest<T>('PATCH', path, body, options),
};
