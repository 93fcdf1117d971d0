import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditQueries } from './audit.queries';
import { registersProjections } from '../projections/registry';
import { auditProjection } from './audit.projection';

@Module({ controllers: [AuditController], providers: [registersProjections(auditProjection), AuditQueries] })
export class AuditModule {}
