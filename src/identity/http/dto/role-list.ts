import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../../domain/roles';

/** Swagger description of a list of roles. */
export const RoleList = () =>
  applyDecorators(
    ApiProperty({
      enum: ROLES,
      isArray: true,
      example: ['unit'],
      description: 'office, unit, verifier, leader, auditor',
    }),
  );
