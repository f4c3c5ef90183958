import { Type } from '@sinclair/typebox';
import { Nullable, Quantity } from '../../kernel/wire.ts';

/** The quantities of a position by category (可流通, 限售, 冻结, 质押), as every holdings answer spreads them. */
export const PositionByCategory = { tradable: Quantity, restricted: Quantity, frozen: Quantity, pledged: Quantity };

/** … and their total. */
export const PositionWithTotal = { ...PositionByCategory, total: Quantity };

/** The progress and outcome of an import job, after its id (and kind). */
export const ImportJobProgress = {
  batchId: Type.String(),
  fileName: Type.String(),
  bytes: Type.Integer(),
  status: Type.String(),
  progressDone: Nullable(Type.Number()),
  progressTotal: Nullable(Type.Number()),
  result: Nullable(Type.Record(Type.String(), Type.Unknown())),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  finishedAt: Nullable(Type.String()),
};
