import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  DataDirectoryLockedError,
  EmbeddedPostgres,
  holdsNoDatabase,
} from '../../src/database/embedded/embedded-postgres';

describe('embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'embedded-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a second opener out of its data directory, and keeps the data across restarts', async () => {
    expect(holdsNoDatabase(dir)).toBe(true);
    const first = await EmbeddedPostgres.start(dir);
    try {
      await expect(EmbeddedPostgres.start(dir)).rejects.toBeInstanceOf(DataDirectoryLockedError);
      const client = new Client({ connectionString: first.connectionString });
      await client.connect();
      await client.query("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('目标任务')");
      await client.end();
    } finally {
      await first.stop();
    }

    expect(holdsNoDatabase(dir)).toBe(false); // what a first boot checks before it opens anything
    const second = await EmbeddedPostgres.start(dir);
    try {
      const client = new Client({ connectionString: second.connectionString });
      await client.connect();
      const { rows } = await client.query('SELECT note FROM kept');
      await client.end();
      expect(rows).toEqual([{ note: '目标任务' }]);
    } finally {
      await second.stop();
    }
  });
});
