import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` between BEGIN and COMMIT on `client` and rolls back when it fails. Returns the error of
 * a failed ROLLBACK separately: it means the connection is broken and must not be reused.
 */
export async function inTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      throw new BrokenConnectionError(error, rollbackError);
    });
    throw error;
  }
}

/** Runs `work` in a transaction on a pooled connection of its own. */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    return await inTransaction(client, () => work(client));
  } catch (error) {
    if (!(error instanceof BrokenConnectionError)) throw error;
    broken = true;
    throw error.cause;
  } finally {
    // A connection that could not even roll back is discarded instead of going back to the pool.
    client.release(broken);
  }
}

class BrokenConnectionError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly rollbackError: unknown,
  ) {
    super('the transaction could not be rolled back');
  }
}
