import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './client';
import { applyFieldErrors, errorMessage } from './errors';

/**
 * Returns a function that reports a failed request: field errors onto the form, the message
 * (translated by code) as a toast. Auth problems are left to the auth provider's redirect.
 */
export function useErrorReporter() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback((err: unknown, form?: FormInstance, rename?: Record<string, string>) => {
    if (err instanceof ApiError && ['UNAUTHENTICATED', 'SESSION_EXPIRED', 'PASSWORD_CHANGE_REQUIRED'].includes(err.code)) return;
    if (form) applyFieldErrors(form, t, err, rename);
    void message.error(errorMessage(t, err));
  }, [message, t]);
}
