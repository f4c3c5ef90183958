import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { generatedTypesFile, generateOpenApiTypes } from '../scripts/openapi-types.ts';

it('web/src/api/openapi.gen.ts matches the route schemas (else run `npm run api:types`)', { timeout: 180_000 }, async () => {
  const committed = readFileSync(generatedTypesFile, 'utf8');
  const current = await generateOpenApiTypes();
  expect(current === committed, 'web/src/api/openapi.gen.ts is stale: run `npm run api:types` and commit the result').toBe(true);
});
