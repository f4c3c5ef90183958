import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/web', import.meta.url));
const server = 'http://127.0.0.1:8080';

interface ChunkInfo {
  facadeModuleId: string | null;
  moduleIds: string[];
}

/**
 * Readable chunk names: `portal-<name>` for each portal (loaded on demand, see
 * src/app/portals.tsx), `i18n/<language>/<namespace>` for translations, and an
 * `antd-` prefix on shared chunks of the desktop UI library.
 */
function chunkFileName({ facadeModuleId, moduleIds }: ChunkInfo): string {
  const id = facadeModuleId?.replaceAll('\\', '/') ?? '';
  const locale = /\/i18n\/locales\/([^/]+)\/([^/]+)\.json$/.exec(id);
  if (locale) return `assets/i18n/${locale[1]}/${locale[2]}-[hash].js`;
  const portal = /\/portals\/([^/]+)\/index\.tsx$/.exec(id);
  if (portal) return `assets/portal-${portal[1]}-[hash].js`;
  if (moduleIds.some((m) => /node_modules[\\/]antd[\\/]/.test(m))) return 'assets/antd-[name]-[hash].js';
  return 'assets/[name]-[hash].js';
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Writes `<file>.br` and `<file>.gz` beside every text asset of 1 KB or more, at the
 * highest levels (done once, at build time), for the server to send as they are
 * (@fastify/static `preCompressed`): nothing is compressed per request.
 */
function precompress(): Plugin {
  return {
    name: 'clearhall-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? outDir;
      const files = Object.values(bundle)
        .map((item) => ({ name: item.fileName, source: item.type === 'chunk' ? item.code : item.source }))
        .filter(({ name, source }) => /\.(js|mjs|css|html|svg|json|txt)$/.test(name) && source.length >= 1024);
      await Promise.all(
        files.map(async ({ name, source }) => {
          const data = Buffer.from(source);
          const file = path.join(dir, name);
          const [br, gz] = await Promise.all([
            brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
            gzipAsync(data, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
        }),
      );
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: { chunkFileNames: chunkFileName },
    },
  },
  server: {
    proxy: {
      '/api': server,
      '^/dev(/|$)': server,
    },
  },
});
