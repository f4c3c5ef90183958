import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

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

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
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
