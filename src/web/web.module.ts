import { Module } from '@nestjs/common';
import { WebAppController } from './web-app.controller';

/** Serves the built workbench (web/dist); registered last so every API route is matched first. */
@Module({ controllers: [WebAppController] })
export class WebModule {}
