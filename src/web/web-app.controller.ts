import { Controller, Get, NotFoundException, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Public } from '../shared/http/public.decorator';
import { WEB_DIST, webDistBuilt } from './web-dist';

/**
 * Paths the app never answers with the workbench: the API, health, assets and (missing) static files.
 * Target ids hold dots (`jiading-2021.I02.anting`), so only a known file extension marks a file.
 */
const NOT_THE_APP =
  /^\/(api|health|assets)(\/|$)|\.(js|mjs|css|map|json|txt|xml|ico|png|jpe?g|gif|svg|webp|woff2?|ttf)$/i;

/**
 * The workbench 工作台: index.html for every client-side route (`/`, `/targets/:id?asOf=…`), so deep
 * links load directly. Hashed bundles under /assets/ are served by @fastify/static (web-assets.ts).
 */
@ApiExcludeController()
@Controller()
export class WebAppController {
  @Get('*')
  @Public()
  async app(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const path = request.url.split('?')[0];
    if (NOT_THE_APP.test(path)) throw new NotFoundException(`Cannot GET ${request.url}`);
    if (!webDistBuilt()) {
      throw new ServiceUnavailableException(
        '工作台尚未构建，请运行 npm run web:build / The workbench is not built: run npm run web:build',
      );
    }
    const html = await readFile(join(WEB_DIST, 'index.html'));
    // The page names the current bundles: always revalidate it.
    await reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  }
}
