/**
 * A village committee's name as running text uses it: 勤阳村村民委员会 → 勤阳村, 红心社区居民委员会 →
 * 红心社区, 东山村委会 → 东山村, 城关居委会 → 城关社区.
 */
export function shortVillageName(name: string): string {
  const stem = name.replace(/(村民委员会|村委会|社区居民委员会|居民委员会|社区居委会|居委会)$/, (m) => (m.startsWith('社区') ? '社区' : ''));
  return /(村|社区|居)$/.test(stem) ? stem : `${stem}${/居/.test(name) ? '社区' : '村'}`;
}

/** The committee's full name for a title or a signature: 东山村 → 东山村村民委员会, 城关社区 → 城关社区居民委员会. */
export function committeeName(villageName: string, body: '委员会' | '选举委员会' = '委员会'): string {
  const short = shortVillageName(villageName);
  return short.endsWith('社区') ? `${short}居民${body}` : `${short}村民${body}`;
}
