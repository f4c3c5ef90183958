import { defineConfig } from 'drizzle-kit';

// The tables live in each module's (and the platform's) schema files; the runtime
// schema object is composed from the module list (server/src/modules/index.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./server/src/platform/**/*schema.ts', './server/src/modules/**/*schema.ts'],
  out: './server/migrations',
});
