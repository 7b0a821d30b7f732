import { z } from 'zod';

/** The error body every endpoint may answer with. */
export const ZError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const ZId = z.string().min(1).max(64);
export const ZIdParams = z.strictObject({ id: ZId });
export const ZTownshipParams = z.strictObject({ townshipId: ZId });
export const ZOk = z.object({ ok: z.literal(true) });

/** A trimmed single-line text field that must not be empty. */
export function text(max: number) {
  return z.string().trim().min(1).max(max);
}

/** Standard error responses for a route. */
export const errorResponses = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError, 413: ZError };
