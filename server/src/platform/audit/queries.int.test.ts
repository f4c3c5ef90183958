import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { audit } from './audit.ts';
import { searchAudit } from './queries.ts';

describeEachDatabase('audit search', (getDb) => {
  it('pages the matching entries newest first and counts them all', async () => {
    const { db } = getDb();
    const start = Date.parse('2026-11-21T02:00:00Z');
    for (let i = 0; i < 5; i++) {
      await audit(db, new Date(start + i * 60_000), { requestId: `r${i}` }, { actor: { kind: 'staff', id: 'clerk' }, action: 'test.paged', objectType: 'case', objectId: String(i) });
    }
    await audit(db, new Date(start), {}, { actor: { kind: 'system' }, action: 'test.other' });

    const second = await searchAudit(db, { action: 'test.paged', page: 2, pageSize: 2 });
    expect(second.total).toBe(5);
    expect(second.items.map((e) => e.objectId)).toEqual(['2', '1']);
    const last = await searchAudit(db, { action: 'test.paged', page: 3, pageSize: 2 });
    expect(last.items.map((e) => e.objectId)).toEqual(['0']);
    expect(await searchAudit(db, { action: 'test.none', page: 1, pageSize: 2 })).toEqual({ items: [], total: 0 });
  });
});
