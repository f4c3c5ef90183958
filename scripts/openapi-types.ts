/**
 * Writes web/src/api/openapi.gen.ts: the TypeScript types of the API, generated from the
 * OpenAPI document that the server's route schemas produce. The web imports these types
 * instead of copying them by hand. Run with `npm run api:types` after changing a route schema;
 * test/openapi-types.int.test.ts fails while the committed file is stale.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { buildApp } from '../server/src/app.ts';
import { openDatabase } from '../server/src/platform/db/client.ts';
import { testContext } from '../test/context.ts';

export const generatedTypesFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/src/api/openapi.gen.ts');

const HEADER = `/**
 * Generated from the server's OpenAPI document by \`npm run api:types\` (scripts/openapi-types.ts).
 * Do not edit: change the route schemas on the server and regenerate.
 */

`;

/** The OpenAPI document of the app as the tests build it (in-memory PGlite; routes need no data to describe themselves). */
export async function openApiDocument(): Promise<OpenAPI3> {
  const database = await openDatabase({});
  const ctx = testContext(database);
  try {
    const app = await buildApp(ctx);
    await app.ready();
    const document = app.swagger() as OpenAPI3;
    await app.close();
    return document;
  } finally {
    await database.close();
    rmSync(ctx.config.dataDir, { recursive: true, force: true });
  }
}

/** The text of web/src/api/openapi.gen.ts for the current route schemas. */
export async function generateOpenApiTypes(): Promise<string> {
  const ast = await openapiTS(await openApiDocument(), { alphabetize: true });
  return HEADER + astToString(ast);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(generatedTypesFile, await generateOpenApiTypes());
  console.log(`wrote ${path.relative(process.cwd(), generatedTypesFile)}`);
}
