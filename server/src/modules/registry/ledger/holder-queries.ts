import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { rows, type Executor } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { holders } from './schema.ts';
import { findHolderByIdentity } from './accounts.ts';
import type { IdType } from '../../../kernel/identifiers.ts';

/** A holder as other modules may see it: name and identity (decrypted; mask it before showing). */
export interface HolderSummary {
  id: string;
  kind: string;
  name: string;
  idType: IdType;
  idNumber: string;
}

export async function holderSummary(ctx: AppContext, ex: Executor, holderId: string): Promise<HolderSummary> {
  const [row] = await ex.select().from(holders).where(eq(holders.id, holderId));
  if (!row) throw new AppError('HOLDER_NOT_FOUND');
  return { id: row.id, kind: row.kind, name: row.name, idType: row.idType as IdType, idNumber: ctx.vault.decrypt(row.idNumberEnc) };
}

/** How many securities accounts (any status) the registry holds for a person with this identity. */
export async function securitiesAccountCountOf(ctx: AppContext, ex: Executor, idType: IdType, idNumber: string): Promise<number> {
  const holder = await findHolderByIdentity(ctx, ex, idType, idNumber);
  if (!holder) return 0;
  const [row] = await rows<{ n: number }>(ex, sql`select count(*)::int as n from securities_accounts where holder_id = ${holder.id}`);
  return Number(row?.n ?? 0);
}
