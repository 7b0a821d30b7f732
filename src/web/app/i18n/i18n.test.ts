import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../../server/errors';
import { enUS } from './en-US';
import { zhCN } from './zh-CN';

/** Every leaf key of a nested resource object, dotted. */
function leafKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafKeys(child, prefix ? `${prefix}.${key}` : key));
}

function leafValue(resources: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], resources);
}

describe('i18n resources', () => {
  const zhKeys = new Set(leafKeys(zhCN));
  const enKeys = new Set(leafKeys(enUS));

  it('has every zh-CN key in en-US', () => {
    expect([...zhKeys].filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it('has every en-US key in zh-CN', () => {
    expect([...enKeys].filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  it('has no empty translation', () => {
    const empty = [...zhKeys].filter((k) => typeof leafValue(zhCN, k) !== 'string' || (leafValue(zhCN, k) as string).trim() === '')
      .concat([...enKeys].filter((k) => typeof leafValue(enUS, k) !== 'string' || (leafValue(enUS, k) as string).trim() === ''));
    expect(empty).toEqual([]);
  });

  it('uses the same interpolation variables in both languages', () => {
    const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const differing = [...zhKeys].filter((k) => JSON.stringify(vars(leafValue(zhCN, k))) !== JSON.stringify(vars(leafValue(enUS, k))));
    expect(differing).toEqual([]);
  });

  it('translates every server error code in both languages', () => {
    const codes = Object.keys(ERROR_STATUS);
    expect(codes.length).toBeGreaterThan(0);
    const missing = codes.flatMap((code) => [
      ...(zhKeys.has(`errors.${code}`) ? [] : [`zh-CN errors.${code}`]),
      ...(enKeys.has(`errors.${code}`) ? [] : [`en-US errors.${code}`]),
    ]);
    expect(missing).toEqual([]);
  });
});
