/** Every TypeORM entity (read models and other tables), registered explicitly. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ENTITIES: Function[] = [];
