import { ParseUUIDPipe } from '@nestjs/common';
import { ValidationProblem } from '../shared/problems/validation-problem';

/** A path parameter that must be a UUID: 400 naming it otherwise. */
export const uuidParam = (name = 'id') =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      new ValidationProblem([{ field: name, message: `${name} 须为 UUID / ${name} must be a UUID` }]),
  });
