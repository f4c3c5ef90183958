import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, openAsOwner } from '../../../../test/databases.ts';
import { rows, type Database } from '../db/client.ts';
import { audit } from './audit.ts';
import { entryHash, GENESIS_HASH, verifyAuditChain, verifyAuditChainShared, type ChainEntry } from './chain.ts';

/** Writes n entries, each in its own transaction; returns their ids. */
async function entries(db: Database['db'], n: number, action = 'test.chain'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    await db.transaction((tx) =>
      audit(
        tx,
        new Date(Date.UTC(2026, 11, 5, 8, 0, i)),
        { requestId: `r${i}`, ip: '10.0.0.1' },
        { actor: { kind: 'staff', id: 'clerk' }, action, objectType: 'case', objectId: String(i), details: { i, note: `第${i}条 "x"` } },
      ),
    );
    const [row] = await rows<{ id: string }>(db, sql`select id::text as id from audit_entries order by seq desc limit 1`);
    ids.push(row!.id);
  }
  return ids;
}

async function seqOf(db: Database['db'], id: string): Promise<string> {
  const [row] = await rows<{ seq: string }>(db, sql`select seq::text as seq from audit_entries where id = ${id}::bigint`);
  return row!.seq;
}

/** As the owner (a database administrator gone bad): run statements with the append-only triggers off. */
async function tamper(owner: Database, ...statements: ReturnType<typeof sql>[]) {
  await owner.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_entries disable trigger user`);
    for (const s of statements) await tx.execute(s);
    await tx.execute(sql`alter table audit_entries enable trigger user`);
  });
}

// Each test tampers with the trail, so each gets a database of its own.
describeEachDatabase('audit chain', (getDb) => {
  it('links every entry to the one before by hash, the head holding the last; the chain verifies', async () => {
    const { db } = getDb();
    const before = await verifyAuditChain(db);
    expect(before.ok).toBe(true);
    const ids = await entries(db, 3);
    // a rolled-back entry leaves no gap in seq
    await expect(
      db.transaction(async (tx) => {
        await audit(tx, new Date(), {}, { actor: { kind: 'system' }, action: 'test.rolled-back' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    // seq, prev_hash and hash are the trigger's to set, whatever an insert says
    await db.execute(sql`insert into audit_entries (at, actor_kind, action, seq, prev_hash, hash) values (now(), 'system', 'test.forged', 999, 'x', 'y')`);
    const chain = await rows<ChainEntry & { action: string }>(
      db,
      sql`select id::text as id, seq::text as seq, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, actor_kind as "actorKind", actor_id as "actorId",
            action, object_type as "objectType", object_id as "objectId", ip, request_id as "requestId", details::text as details, prev_hash as "prevHash", hash
          from audit_entries where audit_entries.seq > ${before.head.seq}::bigint order by audit_entries.seq`,
    );
    expect(chain.map((e) => e.action)).toEqual(['test.chain', 'test.chain', 'test.chain', 'test.forged']);
    expect(chain.slice(0, 3).map((e) => e.id)).toEqual(ids);
    const first = BigInt(before.head.seq) + 1n;
    expect(chain.map((e) => BigInt(e.seq))).toEqual([first, first + 1n, first + 2n, first + 3n]);
    expect(chain[0]!.prevHash).toBe(before.head.hash);
    for (const [i, e] of chain.entries()) {
      expect(e.hash).toBe(entryHash(e)); // the database and TypeScript agree on the canonical form
      if (i > 0) expect(e.prevHash).toBe(chain[i - 1]!.hash);
    }
    const after = await verifyAuditChain(db, { batchSize: 2 });
    expect(after).toMatchObject({ ok: true, firstBreak: null, head: { seq: chain[3]!.seq, hash: chain[3]!.hash } });
    expect(after.entries).toBe(Number(chain[3]!.seq));
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it('keeps one chain under concurrent writers', async () => {
    const { db } = getDb();
    await Promise.all(Array.from({ length: 8 }, (_, w) => entries(db, 5, `test.concurrent.${w}`)));
    const status = await verifyAuditChain(db);
    expect(status.firstBreak).toBeNull();
    const [forks] = await rows<{ n: number }>(db, sql`select count(*)::int as n from (select prev_hash from audit_entries group by prev_hash having count(*) > 1) f`);
    expect(forks!.n).toBe(0);
    // concurrent verifications of one database share one walk
    const [a, b] = [verifyAuditChainShared(db), verifyAuditChainShared(db)];
    expect(a).toBe(b);
    expect((await a).ok).toBe(true);
    const later = verifyAuditChainShared(db);
    expect(later).not.toBe(a);
    await later;
  });
});

describeEachDatabase('audit chain tampered by the owner', (getDb) => {
  let owner: Database;
  beforeAll(async () => {
    owner = await openAsOwner(getDb());
  });
  afterAll(async () => {
    await owner.close();
  });

  it('names an edited entry', async () => {
    const { db } = getDb();
    const ids = await entries(db, 5, 'test.edit');
    await tamper(owner, sql`update audit_entries set details = '{"i": 2, "note": "改过"}' where id = ${ids[2]}::bigint`);
    const status = await verifyAuditChain(db, { batchSize: 2 });
    expect(status.ok).toBe(false);
    expect(status.firstBreak).toMatchObject({ kind: 'edited', id: ids[2], seq: await seqOf(db, ids[2]!) });
    expect(status.firstBreak!.message).toContain(`id ${ids[2]}`);
  });
});

describeEachDatabase('audit chain with an edited and re-hashed entry', (getDb) => {
  it('names the entry whose hash the next one no longer matches', async () => {
    const owner = await openAsOwner(getDb());
    try {
      const { db } = getDb();
      const ids = await entries(db, 4, 'test.rehash');
      // a careful forger recomputes the edited entry's own hash with the database's function
      await tamper(owner, sql`update audit_entries set action = 'test.harmless' where id = ${ids[1]}::bigint`, sql`update audit_entries e set hash = audit_entry_hash(e) where id = ${ids[1]}::bigint`);
      const status = await verifyAuditChain(db);
      expect(status.firstBreak).toMatchObject({ kind: 'relinked', id: ids[1], seq: await seqOf(db, ids[1]!) });
    } finally {
      await owner.close();
    }
  });
});

describeEachDatabase('audit chain with a deleted entry', (getDb) => {
  it('names the missing entry', async () => {
    const owner = await openAsOwner(getDb());
    try {
      const { db } = getDb();
      const ids = await entries(db, 5, 'test.delete');
      const missing = await seqOf(db, ids[3]!);
      await tamper(owner, sql`delete from audit_entries where id = ${ids[3]}::bigint`);
      const status = await verifyAuditChain(db, { batchSize: 3 });
      expect(status.firstBreak).toMatchObject({ kind: 'deleted', seq: missing, id: null });
      expect(status.firstBreak!.message).toContain(`entry seq ${missing} is missing`);
    } finally {
      await owner.close();
    }
  });
});

describeEachDatabase('audit chain truncated', (getDb) => {
  it('finds the tail cut off and the whole trail truncated', async () => {
    const owner = await openAsOwner(getDb());
    try {
      const { db } = getDb();
      const ids = await entries(db, 4, 'test.truncate');
      const lastKept = await seqOf(db, ids[1]!);
      // the last two entries removed
      await tamper(owner, sql`delete from audit_entries where id in (${ids[2]}::bigint, ${ids[3]}::bigint)`);
      const tail = await verifyAuditChain(db);
      expect(tail.firstBreak).toMatchObject({ kind: 'truncated', seq: String(BigInt(lastKept) + 1n), id: null });
      // everything removed by TRUNCATE (its statement trigger disabled first)
      await tamper(owner, sql`truncate audit_entries`);
      const whole = await verifyAuditChain(db);
      expect(whole.entries).toBe(0);
      expect(whole.firstBreak).toMatchObject({ kind: 'truncated', seq: '1', id: null });
    } finally {
      await owner.close();
    }
  });
});

describeEachDatabase('audit trail refuses changes', (getDb) => {
  it('refuses UPDATE, DELETE and TRUNCATE even from the owner while the triggers stand', async () => {
    const owner = await openAsOwner(getDb());
    try {
      await entries(getDb().db, 1, 'test.refuse');
      for (const statement of [
        sql`update audit_entries set action = 'x'`,
        sql`delete from audit_entries`,
        sql`truncate audit_entries`,
        sql`truncate holding_changes`,
        sql`delete from audit_chain_head`,
        sql`truncate audit_chain_head`,
      ]) {
        await expect(owner.db.execute(statement).catch((e: Error) => Promise.reject(e.cause ?? e))).rejects.toThrow(/append-only/);
      }
      expect((await verifyAuditChain(getDb().db)).ok).toBe(true);
    } finally {
      await owner.close();
    }
  });
});
