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
  const response = await send(method, path, body, options, 'application/json');
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

  throw failure(response, json, options);
}

/**
 * Sends a request: a FormData body goes as multipart (the browser sets the boundary), any
 * other body as JSON.
 */
async function send(method: string, path: string, body: unknown, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept, 'Accept-Language': i18n.language || 'zh-CN' };
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (STATE_CHANGING.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', '');
  }
}

/** The ApiError of a failed answer; tells the auth provider when the session is gone. */
function failure(response: Response, json: unknown, options: RequestOptions): ApiError {
  const error = (json as { error?: { code?: unknown; message?: unknown; fields?: unknown; params?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : response.status >= 500 ? 'INTERNAL' : 'UNKNOWN';
  const message = typeof error?.message === 'string' ? error.message : '';
  const fields = Array.isArray(error?.fields) ? (error.fields as FieldProblem[]) : [];
  const apiError = new ApiError(response.status, code, message, fields, paramsFrom(code, { params: error?.params, message }));

  if (!options.quietAuth && response.status === 401 && (code === 'UNAUTHENTICATED' || code === 'SESSION_EXPIRED')) authListener?.(code);
  if (code === 'PASSWORD_CHANGE_REQUIRED') authListener?.(code);
  return apiError;
}

/** A file the server sent, with the name from its Content-Disposition. */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/** The file name of a Content-Disposition header, preferring the UTF-8 `filename*` form. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star.trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header)?.[1];
  return plain?.trim() || fallback;
}

/**
 * Calls an API endpoint that answers with a file (e.g. an .xlsx). Errors come back as JSON and
 * are thrown as {@link ApiError}, like {@link apiRequest}.
 */
export async function apiDownload(method: string, path: string, body?: unknown, options: RequestOptions & { fallbackName?: string } = {}): Promise<DownloadedFile> {
  const response = await send(method, path, body, options, '*/*');
  if (response.ok) {
    return { blob: await response.blob(), filename: filenameFromDisposition(response.headers.get('Content-Disposition'), options.fallbackName ?? 'download') };
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  throw failure(response, json, options);
}

/** Hands a downloaded file to the browser to save. */
export function saveFile({ blob, filename }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => apiRequest<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => apiRequest<T>('POST', path, body ?? {}, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => apiRequest<T>('PATCH', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => apiRequest<T>('PUT', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => apiRequest<T>('DELETE', path, undefined, options),
  /** A multipart POST: `form` carries the file(s) and fields. */
  upload: <T>(path: string, form: FormData, options?: RequestOptions) => apiRequest<T>('POST', path, form, options),
};
