/**
 * Translations of the deputies feature, merged into the app's resources under the `deputies` key
 * (see app/i18n/zh-CN.ts). zh-CN first and complete; en-US must have the same keys.
 */
export const deputiesZhCN = {
  title: '代表管理',
};

export const deputiesEnUS: typeof deputiesZhCN = {
  title: 'Deputies',
};
