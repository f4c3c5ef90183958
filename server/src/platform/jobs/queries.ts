import { count, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { jobs } from '../db/schema.ts';
import { jobMachine } from './job-states.ts';

export async function listJobs(ex: Executor, filter: { status?: string; page: number; pageSize: number }) {
  // A status the machine does not declare matches no job.
  const where = filter.status ? (jobMachine.isState(filter.status) ? eq(jobs.status, filter.status) : sql`false`) : undefined;
  const [items, [total]] = await Promise.all([
    ex
      .select()
      .from(jobs)
      .where(where)
      .orderBy(desc(jobs.createdAt))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    ex.select({ n: count() }).from(jobs).where(where),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}
