/**
 * The category bar of each township site, remembered per township for a short while so that
 * every portal page (also those of other modules that only pass `township` to portalPage)
 * shows the same menu without a query of its own. Refreshed by portal.routes.ts.
 */
export interface NavItem {
  key: string;
  name: string;
  href: string;
}

const TTL_MS = 30_000;
const cache = new Map<string, { at: number; items: NavItem[] }>();

export function cachedNav(townshipId: string): NavItem[] | undefined {
  return cache.get(townshipId)?.items;
}

export function navIsFresh(townshipId: string, now = Date.now()): boolean {
  const hit = cache.get(townshipId);
  return !!hit && now - hit.at < TTL_MS;
}

export function rememberNav(townshipId: string, items: NavItem[]): void {
  cache.set(townshipId, { at: Date.now(), items });
}

export function forgetNav(townshipId?: string): void {
  if (townshipId) cache.delete(townshipId);
  else cache.clear();
}

/** Where a category's page is: the built-in sections have pages of their own. */
export function categoryHref(code: string, key: string): string {
  return `/t/${code}/c/${encodeURIComponent(key)}`;
}
