import type { App } from './types.js';

/** A route as registered, with its zod schemas: the attack tests enumerate the API from this. */
export interface RegisteredRoute {
  method: string;
  url: string;
  schema: { body?: unknown; querystring?: unknown; params?: unknown; hide?: boolean } | undefined;
}

const registries = new WeakMap<object, RegisteredRoute[]>();

/** Starts recording every route registered on `app` from now on (call before the routes). */
export function recordRoutes(app: App): void {
  const routes: RegisteredRoute[] = [];
  registries.set(app, routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, schema: route.schema as RegisteredRoute['schema'] });
    }
  });
}

/** The routes recorded on `app` (every method except the automatic HEAD routes). */
export function registeredRoutes(app: App): readonly RegisteredRoute[] {
  return registries.get(app) ?? [];
}
