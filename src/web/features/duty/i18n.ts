/**
 * Translations of the duty-work feature (履职活动, 民情意见, 述职评议), merged into the app's
 * resources under the `duty` key (see app/i18n/zh-CN.ts). zh-CN first; en-US has the same keys.
 */
export const dutyZhCN = {
  title: '代表履职',
};

export const dutyEnUS: typeof dutyZhCN = {
  title: 'Deputy duty work',
};
