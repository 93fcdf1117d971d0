import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, AppModuleOptions } from './app.module';
import { ValidationProblem } from './shared/problems/validation-problem';
import { registerWebAssets } from './web/web-assets';
import { withProblemResponses } from './shared/http/openapi-problems';
import { installInputBoundary } from './shared/validation/input-boundary';
import { INPUT_LIMITS } from './shared/validation/input-limits';

/** Builds the HTTP application (used by main.ts and the end-to-end tests). */
export async function createApp(options: AppModuleOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: INPUT_LIMITS.maxBodyBytes,
    // On shutdown idle keep-alive sockets close at once; requests in flight are allowed to finish.
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(options), adapter, {
    bufferLogs: true,
    // JSON only, parsed by the input boundary (no form-urlencoded parser: such bodies are 415).
    bodyParser: false,
  });
  installInputBoundary(app.getHttpAdapter().getInstance());
  app.useLogger(app.get(Logger));
  // Security headers. The CSP lets the Swagger UI at /api/docs and the workbench load their own scripts
  // and inline styles (Ant Design's CSS-in-JS). No upgrade-insecure-requests: intranets serve plain HTTP,
  // and that directive made browsers fetch every asset over https from another machine (a blank page).
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        scriptSrc: [`'self'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:', 'blob:'],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS over plain HTTP would only break a later http:// visit behind the same name.
    strictTransportSecurity: false,
  });
  // Uploads (Excel intake): one file of at most 10 MB per request; routes read it with request.file().
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10 } });
  await registerWebAssets(app);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => ValidationProblem.fromValidationErrors(errors),
    }),
  );
  const origins = options.config.corsOrigins
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (origins.length) app.enableCors({ origin: origins, exposedHeaders: ['ETag', 'Location'] });

  const document = withProblemResponses(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('目标责任督查系统 API / Target responsibility supervision API')
        .setVersion('1')
        .addBearerAuth()
        .build(),
    ),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
