/**
 * Translations of the sessions feature, merged into the app's resources under the `sessions` key
 * (see app/i18n/zh-CN.ts). zh-CN first and complete; en-US must have the same keys.
 */
export const sessionsZhCN = {
  title: '人代会',
};

export const sessionsEnUS: typeof sessionsZhCN = {
  title: 'Congress sessions',
};
