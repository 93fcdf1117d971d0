import fastifyCompress from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { mkdirSync } from 'node:fs';
import { WEB_ASSETS } from './web-dist';

/**
 * Serves web/dist/assets gzip/brotli-compressed with year-long immutable caching (Vite puts a content
 * hash in every name). Compression lives in this plugin's own scope: API answers are left as they were.
 */
export async function registerWebAssets(app: NestFastifyApplication): Promise<void> {
  mkdirSync(WEB_ASSETS, { recursive: true });
  // Loaded when used (like the Swagger UI's copy): it requires an ES module, which jest loads only through its mock (test/support/test-app.ts).
  const { default: fastifyStatic } = await import('@fastify/static');
  await app.register(async (scope: FastifyInstance) => {
    await scope.register(fastifyCompress, { global: true, threshold: 1024 });
    await scope.register(fastifyStatic, {
      root: WEB_ASSETS,
      prefix: '/assets/',
      decorateReply: false,
      immutable: true,
      maxAge: '365d',
    });
  });
}
