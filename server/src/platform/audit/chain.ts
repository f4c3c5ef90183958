import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/client.ts';

/**
 * The audit trail is a hash chain (decision 0025). The database links each new
 * entry (trigger audit_entries_link, migration 0018): `seq` counts 1, 2, 3, …
 * without gaps, `prev_hash` is the hash of the entry before (64 zeros for the
 * first), and `hash` is SHA-256 over the entry's canonical form below. The
 * one-row `audit_chain_head` holds the last seq and hash.
 *
 * verifyAuditChain recomputes every hash here, in TypeScript, from the stored
 * fields, so a database function that was altered cannot vouch for itself, and
 * names the first broken link:
 * - edited: an entry's fields no longer give its hash;
 * - relinked: an entry's prev_hash is not the hash of the entry before
 *   (the one before was edited and re-hashed, or entries were rewritten);
 * - deleted: a seq is missing (entries removed from the middle);
 * - truncated: the head says there were more entries than remain (the tail or
 *   the whole trail removed);
 * - unlinked: entries beyond the head (written with the link trigger disabled).
 * Someone who can rewrite every entry and the head can forge a consistent chain:
 * record the head hash outside the database (`clearhall audit verify` prints it)
 * and compare.
 */

export const GENESIS_HASH = '0'.repeat(64);

/** The stored fields of an entry as the canonical form reads them (text, as PostgreSQL writes them). */
export interface ChainEntry {
  id: string;
  seq: string;
  at: string;
  actorKind: string;
  actorId: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  ip: string | null;
  requestId: string | null;
  details: string;
  prevHash: string;
  hash: string;
}

const field = (value: string | null) => (value === null ? '-' : `${Buffer.byteLength(value, 'utf8')}:${value}`);

/** SHA-256 (hex) of an entry's canonical form: the same as audit_entry_hash() in migration 0018. */
export function entryHash(e: Omit<ChainEntry, 'hash'>): string {
  const canonical = ['audit-v1', ...[e.id, e.seq, e.at, e.actorKind, e.actorId, e.action, e.objectType, e.objectId, e.ip, e.requestId, e.details, e.prevHash].map(field)].join('|');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export type ChainBreakKind = 'edited' | 'relinked' | 'deleted' | 'truncated' | 'unlinked';

export interface ChainBreak {
  kind: ChainBreakKind;
  /** The seq of the entry at fault: the edited one, the first missing one, the first beyond the head. */
  seq: string;
  /** Its id when it still exists. */
  id: string | null;
  /** One line in English, for the command line and the log. */
  message: string;
}

export interface ChainStatus {
  ok: boolean;
  /** Entries checked. */
  entries: number;
  head: { seq: string; hash: string };
  firstBreak: ChainBreak | null;
}

const BATCH = 5000;

/** Walks the whole chain in order of seq, in one snapshot; stops at the first broken link. */
export async function verifyAuditChain(db: Db, options: { batchSize?: number } = {}): Promise<ChainStatus> {
  const batchSize = options.batchSize ?? BATCH;
  return db.transaction(
    async (tx) => {
      const [headRow] = await rows<{ seq: string; hash: string }>(tx, sql`select seq::text as seq, hash from audit_chain_head where id`);
      const head = headRow ?? { seq: '0', hash: GENESIS_HASH };
      let entries = 0;
      let expected = 1n;
      let previous: { seq: bigint; id: string; hash: string } | null = null;
      const broken = (b: Omit<ChainBreak, 'message'>, message: string): ChainStatus => ({ ok: false, entries, head, firstBreak: { ...b, message } });
      for (;;) {
        const batch = await rows<ChainEntry>(
          tx,
          sql`select id::text as id, seq::text as seq,
                to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
                actor_kind as "actorKind", actor_id as "actorId", action, object_type as "objectType", object_id as "objectId",
                ip, request_id as "requestId", details::text as details, prev_hash as "prevHash", hash
              from audit_entries where audit_entries.seq >= ${expected.toString()}::bigint order by audit_entries.seq limit ${batchSize}`,
        );
        for (const e of batch) {
          const seq = BigInt(e.seq);
          if (seq > BigInt(head.seq)) {
            return broken({ kind: 'unlinked', seq: e.seq, id: e.id }, `entry seq ${e.seq} (id ${e.id}) lies beyond the chain head (seq ${head.seq}): written with the link trigger disabled`);
          }
          if (seq !== expected) {
            const missing = seq - expected === 1n ? `entry seq ${expected} is missing` : `entries seq ${expected}–${seq - 1n} are missing`;
            return broken({ kind: 'deleted', seq: expected.toString(), id: null }, `${missing} (deleted) before entry seq ${e.seq} (id ${e.id})`);
          }
          if (entryHash(e) !== e.hash) {
            return broken({ kind: 'edited', seq: e.seq, id: e.id }, `entry seq ${e.seq} (id ${e.id}) was edited: its fields do not give its hash`);
          }
          const before = previous ? previous.hash : GENESIS_HASH;
          if (e.prevHash !== before) {
            const at = previous ? { seq: previous.seq.toString(), id: previous.id } : { seq: e.seq, id: e.id };
            return broken(
              { kind: 'relinked', ...at },
              previous ? `entry seq ${previous.seq} (id ${previous.id}) was changed: entry seq ${e.seq} recorded another hash for it` : `entry seq ${e.seq} (id ${e.id}) does not start the chain`,
            );
          }
          previous = { seq, id: e.id, hash: e.hash };
          expected = seq + 1n;
          entries++;
        }
        if (batch.length < batchSize) break;
      }
      const last = previous ? previous.seq : 0n;
      if (last < BigInt(head.seq)) {
        return broken({ kind: 'truncated', seq: (last + 1n).toString(), id: null }, `entries seq ${last + 1n}–${head.seq} are missing (truncated): the chain head records ${head.seq} entries, ${last} remain`);
      }
      if ((previous?.hash ?? GENESIS_HASH) !== head.hash) {
        return broken({ kind: 'edited', seq: last.toString(), id: previous?.id ?? null }, `the last entry, seq ${last}, does not match the chain head: it or the head was edited`);
      }
      return { ok: true, entries, head, firstBreak: null };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

const running = new WeakMap<Db, Promise<ChainStatus>>();

/**
 * verifyAuditChain, shared: callers who ask while a walk of the same database runs get its
 * result instead of starting another (the staff page asks on every visit; a walk reads the
 * whole trail).
 */
export function verifyAuditChainShared(db: Db): Promise<ChainStatus> {
  const current = running.get(db);
  if (current) return current;
  const walk = verifyAuditChain(db).finally(() => running.delete(db));
  running.set(db, walk);
  return walk;
}
