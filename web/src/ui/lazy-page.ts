import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * A page loaded on demand, from a module that exports it by name: its code (and what
 * only it uses, a table, a date picker) is fetched the first time its route is shown,
 * so the first screen downloads only what it shows. Render it under a <Suspense>.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props: React.lazy's own bound
export function lazyPage<M extends Record<K, ComponentType<any>>, K extends keyof M & string>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }));
}
