import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { USERS_TABLE, UserDocument } from './users.projection';

/** Queries over the `users` read model. */
@Injectable()
export class UsersReadModel {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: { unitCode?: string } = {}): Promise<UserDocument[]> {
    const rows: Array<{ doc: UserDocument }> = await this.dataSource.query(
      `SELECT doc FROM ${USERS_TABLE} WHERE ($1::text IS NULL OR unit_code = $1) ORDER BY username`,
      [filter.unitCode ?? null],
    );
    return rows.map((r) => r.doc);
  }

  async byId(id: string): Promise<UserDocument | undefined> {
    const rows: Array<{ doc: UserDocument }> = await this.dataSource.query(
      `SELECT doc FROM ${USERS_TABLE} WHERE key = $1`,
      [id],
    );
    return rows[0]?.doc;
  }
}
