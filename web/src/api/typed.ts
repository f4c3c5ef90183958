/**
 * Wire types of the API, read from the generated OpenAPI types (openapi.gen.ts, `npm run api:types`).
 * A domain file names a route and a method and gets the shapes the server's schemas declare:
 *
 *   type Users = ApiResponse<'/api/v1/staff/users', 'get'>;
 *   api.post<ApiResponse<P, 'post'>>(url, body satisfies ApiBody<P, 'post'>);
 */
import type { components, paths } from './openapi.gen.ts';

export type { components, paths };

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Every route of the API, as the OpenAPI document writes it (`/api/v1/staff/users/{id}`). */
export type ApiPath = keyof paths;

/** The methods a route answers. */
export type ApiMethod<P extends ApiPath> = { [M in HttpMethod]-?: paths[P][M] extends { responses: unknown } ? M : never }[HttpMethod];

export type ApiOperation<P extends ApiPath, M extends ApiMethod<P>> = paths[P][M] extends infer O extends { responses: unknown } ? O : never;

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : R extends { content?: never } ? void : never;
type SuccessStatus = 200 | 201 | 202 | 204;
type Responses<P extends ApiPath, M extends ApiMethod<P>> = ApiOperation<P, M>['responses'];

/** The JSON body of a successful answer (void for 204 No Content). */
export type ApiResponse<P extends ApiPath, M extends ApiMethod<P>> = JsonOf<Responses<P, M>[SuccessStatus & keyof Responses<P, M>]>;

/** The JSON request body. */
export type ApiBody<P extends ApiPath, M extends ApiMethod<P>> = ApiOperation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The query string parameters. */
export type ApiQuery<P extends ApiPath, M extends ApiMethod<P>> = ApiOperation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The path parameters (`{id}` in the route). */
export type ApiPathParams<P extends ApiPath, M extends ApiMethod<P>> = ApiOperation<P, M> extends { parameters: { path?: infer A } } ? NonNullable<A> : never;

/** A schema shared under components (e.g. the one error body). */
export type ApiSchema<N extends keyof components['schemas']> = components['schemas'][N];
