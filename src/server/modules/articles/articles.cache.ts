/**
 * A generation number for everything the portal shows of articles and categories. Every write
 * in this module (and publishFromModule) bumps it; the portal's page cache drops what was
 * rendered under an older generation. One process serves a deployment, so this is exact.
 */
let generation = 0;

export function articlesGeneration(): number {
  return generation;
}

export function bumpArticlesGeneration(): void {
  generation++;
}
