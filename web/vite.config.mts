import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The workbench 工作台. `npm run web:dev` serves it on :5173 with /api and /health proxied to the
 * NestJS app on :3000 (`npm start` in another terminal); `npm run web:build` writes web/dist, which
 * the NestJS app serves itself. JSX is compiled by Vite's own transformer (tsconfig "jsx": "react-jsx").
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // Ant Design marks its modules "use client" (for React Server Components): meaningless in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' },
  },
});
