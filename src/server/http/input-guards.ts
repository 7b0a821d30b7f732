import type { FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../errors.js';

/** Paths (a.b.0.c) of the strings in `value` that hold a NUL character, at most `limit` of them. */
export function nulPaths(value: unknown, prefix = '', found: string[] = [], limit = 20, depth = 0): string[] {
  if (found.length >= limit || depth > 64) return found;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(prefix || '(value)');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulPaths(v, prefix ? `${prefix}.${i}` : String(i), found, limit, depth + 1));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) found.push(prefix ? `${prefix}.${k}` : k);
      nulPaths(v, prefix ? `${prefix}.${k}` : k, found, limit, depth + 1);
    }
  }
  return found;
}

/**
 * Refuses text holding a NUL character in the path, query or body before any handler runs: no
 * field of ours may contain one, and PostgreSQL cannot store it (it would fail as a 500).
 */
export async function rejectNulCharacters(request: FastifyRequest): Promise<void> {
  const fields: FieldError[] = [];
  for (const [part, value] of [['params', request.params], ['query', request.query], ['', request.body]] as const) {
    for (const path of nulPaths(value)) fields.push({ path: part ? `${part}.${path}` : path, message: 'NUL' });
  }
  if (fields.length) throw new AppError('VALIDATION_FAILED', {}, fields);
}
