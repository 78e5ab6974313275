// Erasure on request, inside the Worker (tests use it; operators run scripts/erase.mjs).
import { erasureStatements } from './erasure-sql';

/** Erases everything stored about `email`; returns how many leads were removed. */
export async function eraseByEmail(
  db: D1Database,
  email: string,
  now: Date,
  actor = 'operator',
): Promise<number> {
  const results = await db.batch(
    erasureStatements(email, now, actor).map((sql) => db.prepare(sql)),
  );
  return results.at(-1)?.meta.changes ?? 0;
}
