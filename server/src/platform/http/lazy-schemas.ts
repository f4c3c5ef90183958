/**
 * Fastify compiles every route's validators (Ajv) and response serializers
 * (fast-json-stringify) while the app gets ready: some 1,000 schemas here, over
 * 3 s of a start on a busy machine, most for routes a given run never calls.
 * These compilers are Fastify's own defaults, wrapped so that each schema is
 * compiled on the first request that needs it (decision 0029). compileAll() compiles
 * what is still pending, so a test can still prove that every schema compiles.
 */
import { createRequire } from 'node:module';
import type { FastifySchemaCompiler, FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type ValidatorFactory = NonNullable<CompilersFactory['buildValidator']>;
type SerializerFactory = NonNullable<CompilersFactory['buildSerializer']>;
type ValidatorCompiler = ReturnType<ValidatorFactory>;
type SerializerCompiler = ReturnType<SerializerFactory>;
type Validator = ReturnType<ValidatorCompiler>;
type Serializer = ReturnType<SerializerCompiler>;

// Fastify's defaults, resolved from Fastify itself: the versions it was released with.
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
const defaultValidatorFactory = (fromFastify('@fastify/ajv-compiler') as () => ValidatorFactory)();
const defaultSerializerFactory = (fromFastify('@fastify/fast-json-stringify-compiler') as () => SerializerFactory)();

export interface LazySchemaCompilers {
  /** For Fastify's `schemaController.compilersFactory`. */
  compilersFactory: { buildValidator: ValidatorFactory; buildSerializer: SerializerFactory };
  /** Compiles every schema not compiled yet; throws as Fastify would have at start. */
  compileAll(): void;
  /** How many schemas are registered and not compiled yet. */
  pending(): number;
}

export function lazySchemaCompilers(): LazySchemaCompilers {
  const pending = new Set<() => unknown>();

  /** Compiles once, on first call; until then it waits in `pending`. */
  function deferred<T>(compile: () => T): () => T {
    let compiled: { value: T } | undefined;
    const get = () => {
      if (!compiled) {
        compiled = { value: compile() };
        pending.delete(get);
      }
      return compiled.value;
    };
    pending.add(get);
    return get;
  }

  const buildValidator = ((externalSchemas: unknown, options: unknown) => {
    const compile = (defaultValidatorFactory as (...args: unknown[]) => ValidatorCompiler)(externalSchemas, options);
    return (routeSchema: Parameters<FastifySchemaCompiler<unknown>>[0]) => {
      // Given its own compiler, Fastify no longer lowercases a headers schema's names: refuse one rather than check it differently.
      if (routeSchema.httpPart === 'headers') throw new Error(`${routeSchema.method} ${routeSchema.url}: header schemas are not supported by the lazy schema compiler (platform/http/lazy-schemas.ts)`);
      const real = deferred(() => (compile as (schema: unknown) => (...args: unknown[]) => unknown)(routeSchema));
      const validate = (...args: unknown[]) => real()(...args);
      // Fastify reads these off the validator: schemaEnv before the call (Ajv's own functions), errors after it.
      Object.defineProperties(validate, {
        schemaEnv: { get: () => (real() as unknown as { schemaEnv?: unknown }).schemaEnv },
        errors: { get: () => (real() as unknown as { errors?: unknown }).errors },
      });
      return validate as unknown as Validator;
    };
  }) as unknown as ValidatorFactory;

  const buildSerializer = ((externalSchemas: unknown, options: unknown) => {
    const compile = (defaultSerializerFactory as (...args: unknown[]) => SerializerCompiler)(externalSchemas, options);
    return (routeSchema: Parameters<SerializerCompiler>[0]) => {
      const real = deferred(() => compile(routeSchema));
      return ((data: unknown) => real()(data)) as Serializer;
    };
  }) as unknown as SerializerFactory;

  return {
    compilersFactory: { buildValidator, buildSerializer },
    compileAll: () => {
      for (const compile of [...pending]) compile();
    },
    pending: () => pending.size,
  };
}
