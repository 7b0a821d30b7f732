import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import i18n from '../i18n';
import { ApiError } from './client';

/**
 * The message for an error, chosen by its code from our own translations. The server's text is
 * used only for a code this version of the app does not know.
 */
export function errorMessage(t: TFunction, err: unknown): string {
  if (!(err instanceof ApiError)) return t('errors.UNKNOWN');
  if (err.code === 'ACCOUNT_LOCKED' && err.params.minutes === undefined) return t('errors.ACCOUNT_LOCKED_noMinutes');
  const key = `errors.${err.code}`;
  if (i18n.exists(key)) return t(key, err.params);
  return err.serverMessage || t('errors.UNKNOWN');
}

/** A field problem's text: our translation of its code, else the server's (already localised) text. */
export function fieldMessage(t: TFunction, message: string): string {
  const key = `fieldErrors.${message}`;
  return i18n.exists(key) ? t(key) : message;
}

/**
 * Puts the server's field errors onto the form's fields. `rename` maps a server path to the
 * form's field name where they differ. Returns whether any field was marked.
 */
export function applyFieldErrors(form: FormInstance, t: TFunction, err: unknown, rename: Record<string, string> = {}): boolean {
  if (!(err instanceof ApiError) || err.fields.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const byField = new Map<string, string[]>();
  for (const f of err.fields) {
    const name = rename[f.path] ?? f.path;
    if (!known.has(name)) continue;
    byField.set(name, [...(byField.get(name) ?? []), fieldMessage(t, f.message)]);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return true;
}
