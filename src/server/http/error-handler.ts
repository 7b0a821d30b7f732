import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type ErrorCode, type FieldError } from '../errors.js';
import { errorMessage, type Locale } from '../i18n/messages.js';

const zodLocales = { 'zh-CN': z.locales.zhCN(), 'en-US': z.locales.en() };

function localiseIssue(locale: Locale, keyword: string, params: Record<string, unknown>, fallback: string): string {
  try {
    const msg = zodLocales[locale].localeError?.({ code: keyword, ...params } as never);
    if (typeof msg === 'string') return msg;
    if (msg && typeof msg === 'object' && 'message' in msg) return String(msg.message);
  } catch {
    // fall through to zod's own message
  }
  return fallback;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; params?: Record<string, string | number>; fields?: FieldError[] };
}

/** The error shape; `params` carries the figures of the message so the web app can translate it. */
export function errorBody(locale: Locale, code: ErrorCode, params: Record<string, string | number> = {}, fields?: FieldError[]): ErrorBody {
  return {
    error: {
      code,
      message: errorMessage(locale, code, params),
      ...(Object.keys(params).length ? { params } : {}),
      ...(fields?.length ? { fields } : {}),
    },
  };
}

/** Maps every error to `{ error: { code, message, fields? } }` with a stable code. */
export function handleError(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  const locale = request.locale ?? 'zh-CN';
  if (err instanceof AppError) {
    void reply.status(err.status).send(errorBody(locale, err.code, err.params, err.fields));
    return;
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields = err.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      message: localiseIssue(locale, v.keyword, v.params as Record<string, unknown>, v.message ?? ''),
    }));
    void reply.status(400).send(errorBody(locale, 'VALIDATION_FAILED', {}, fields));
    return;
  }
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
    void reply.status(413).send(errorBody(locale, 'PAYLOAD_TOO_LARGE'));
    return;
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
    void reply.status(415).send(errorBody(locale, 'UNSUPPORTED_MEDIA_TYPE'));
    return;
  }
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError || (fe.statusCode === 400 && /JSON/i.test(fe.message))) {
    void reply.status(400).send(errorBody(locale, 'MALFORMED_JSON'));
    return;
  }
  if (fe.statusCode === 429) {
    void reply.status(429).send(errorBody(locale, 'RATE_LIMITED'));
    return;
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 && !isResponseSerializationError(err)) {
    void reply.status(fe.statusCode).send(errorBody(locale, fe.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED'));
    return;
  }
  request.log.error({ err }, 'unhandled error');
  if (process.env.RENDA_DEBUG_ERRORS === '1') console.error(err);
  void reply.status(500).send(errorBody(locale, 'INTERNAL'));
}
