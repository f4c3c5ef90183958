/** The wire types read from the generated OpenAPI types (checked by the type checker; vitest runs them too). */
import { describe, expectTypeOf, it } from 'vitest';
import type { ApiBody, ApiMethod, ApiPathParams, ApiQuery, ApiResponse, ApiSchema } from './typed.ts';

describe('typed API', () => {
  it('knows the methods a route answers', () => {
    expectTypeOf<ApiMethod<'/api/v1/staff/users'>>().toEqualTypeOf<'get' | 'post'>();
  });

  it('reads the body of a successful answer, void for 204', () => {
    expectTypeOf<ApiResponse<'/api/v1/staff/users', 'get'>['items'][number]['lockedUntil']>().toEqualTypeOf<string | null>();
    expectTypeOf<ApiResponse<'/api/v1/broker/counter-verifications/{id}/decision', 'post'>>().toEqualTypeOf<void>();
  });

  it('reads request bodies, query and path parameters', () => {
    expectTypeOf<ApiBody<'/api/v1/staff/users/{id}/status', 'post'>['status']>().toEqualTypeOf<'active' | 'disabled'>();
    expectTypeOf<ApiQuery<'/api/v1/investor/authorisations', 'get'>>().toHaveProperty('business');
    expectTypeOf<ApiPathParams<'/api/v1/staff/users/{id}/roles', 'put'>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<ApiSchema<'Error'>>().toHaveProperty('code');
  });
});
