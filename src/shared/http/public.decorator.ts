import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';

/** Marks a route that needs no session (login, health, API docs). Every other route requires one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
