import type { EntitySchema } from 'typeorm';

/** Every TypeORM entity of the schema. Entities stay inside this library; callers see repositories. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ENTITIES: Array<Function | EntitySchema> = [];
