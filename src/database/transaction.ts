import { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction on one pooled connection; rolls back on any error.
 *
 * Unlike a bare `pool.connect()`, it listens for the connection's own errors while it holds it: a
 * connection that dies mid-transaction (pg_terminate_backend, a server restart, a network cut) makes
 * the client emit 'error', and with no listener that event would take the whole process down. The
 * failure reaches `work` as the failed query's error instead, and the dead client is destroyed rather
 * than returned to the pool.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => (broken ??= error);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
    throw error;
  } finally {
    // Released first: the pool then listens again itself, so no error event finds the client unheard.
    client.release(broken);
    client.removeListener('error', onError);
  }
}
