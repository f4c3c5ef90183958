/**
 * The appointment and queue routes over HTTP: the public halls and free places, 申请预约 → 我的预约 → 取消预约
 * for a signed-in investor (personal data masked in answers), staff editing a hall and its calendar behind
 * their permission, and the kiosk ticket called from the clerk's console.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { ApiClient, serverForSuite } from '../../../../test/http.ts';
import { aRegisteredInvestor, aSignedInStaff } from '../../../../test/verification.ts';
import { FixedClock } from '../../platform/clock.ts';
import { gb11643CheckChar } from '../../kernel/identifiers.ts';

const AGENT_ID = '11010519491231002' + gb11643CheckChar('11010519491231002');

describeEachDatabase('appointments: routes', (getDb) => {
  const server = serverForSuite(getDb, { clock: new FixedClock(new Date('2026-12-07T00:00:00Z')) }); // Monday 08:00 Beijing

  it('shows the halls and free places, books, lists masked, and cancels', async () => {
    const anonymous = await new ApiClient(server.app).start();
    const halls = (await anonymous.request('GET', '/api/v1/appointments/halls')).json<{ items: { region: string; categories: { code: string }[] }[] }>();
    expect(halls.items.map((h) => h.region)).toEqual(['beijing', 'shanghai', 'shenzhen']);
    const free = (await anonymous.request('GET', '/api/v1/appointments/halls/beijing/availability?category=account')).json<{ days: { day: string; periods: { starts: string; left: number }[] }[] }>();
    // Monday 08:00: today is open with every period, Saturday and Sunday are not listed.
    expect(free.days[0]).toMatchObject({ day: '2026-12-07', periods: expect.arrayContaining([{ starts: '09:00', ends: '10:00', left: 10 }]) });
    expect(free.days.map((d) => d.day)).not.toContain('2026-12-12');

    const body = { region: 'beijing', agentType: 'domestic', agentName: '李四', employer: '测试有限公司', idNumber: AGENT_ID, category: 'account', items: 1, day: '2026-12-08', period: '13:00', rulesAccepted: true };
    expect((await anonymous.request('POST', '/api/v1/investor/appointments', body)).statusCode).toBe(401);
    const { client } = await aRegisteredInvestor(server);
    // 提交申请 → 预约信息确认: checked and shown masked, nothing booked yet.
    const preview = await client.request('POST', '/api/v1/investor/appointments/preview', body);
    expect(preview.json()).toMatchObject({ hallName: '北京营业大厅', categoryName: '证券账户业务', agentNameMasked: '李*', periodEnds: '14:00', left: 10 });
    expect(preview.body).not.toContain(AGENT_ID);
    const invalid = await client.request('POST', '/api/v1/investor/appointments/preview', { ...body, idNumber: AGENT_ID.slice(0, 17) });
    expect(invalid.json()).toMatchObject({ code: 'APPOINTMENT_ID_INVALID', message: '证件号码格式不正确，请核对' });
    const booked = await client.request('POST', '/api/v1/investor/appointments', body);
    expect(booked.statusCode).toBe(200);
    const appointment = booked.json<{ id: string; code: string; qrPayload: string; idNumberMasked: string }>();
    expect(appointment.qrPayload).toContain(appointment.code);
    expect(booked.body).not.toContain(AGENT_ID);
    expect(booked.body).not.toContain('李四');
    const after = (await anonymous.request('GET', '/api/v1/appointments/halls/beijing/availability?category=account')).json<typeof free>();
    expect(after.days.find((d) => d.day === '2026-12-08')?.periods.find((p) => p.starts === '13:00')?.left).toBe(9);

    const again = await client.request('POST', '/api/v1/investor/appointments', body);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'APPOINTMENT_ALREADY_BOOKED', message: '您在该时段已有预约，同一时段不能重复预约' });

    const mine = await client.request('GET', '/api/v1/investor/appointments?method=appointment_day&from=2026-12-01&to=2026-12-31');
    expect(mine.json<{ items: { id: string; cancellable: boolean }[] }>().items).toEqual([expect.objectContaining({ id: appointment.id, cancellable: true })]);
    expect(mine.body).not.toContain(AGENT_ID);
    const admin = await aSignedInStaff(server, 'admin');
    const ofDay = await admin.request('GET', '/api/v1/staff/appointments/halls/beijing/appointments?day=2026-12-08');
    expect(ofDay.json()).toEqual({ items: [expect.objectContaining({ id: appointment.id, agentNameMasked: '李四', idNumberMasked: AGENT_ID })] });
    const cancelled = await client.request('POST', `/api/v1/investor/appointments/${appointment.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
  });

  it('lets a hall clerk edit a hall and its calendar, and nobody without the permission', async () => {
    const clerk = await aSignedInStaff(server, 'clerk');
    const halls = (await clerk.request('GET', '/api/v1/staff/appointments/halls')).json<{ items: { region: string; name: string; address: string; notes: string; schedule: unknown }[] }>();
    const shenzhen = halls.items.find((h) => h.region === 'shenzhen')!;
    const edited = await clerk.request('PUT', '/api/v1/staff/appointments/halls/shenzhen', { name: shenzhen.name, address: shenzhen.address, notes: '新的预约说明', schedule: shenzhen.schedule });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ hall: { notes: '新的预约说明' }, released: 0 });
    const closed = await clerk.request('POST', '/api/v1/staff/appointments/halls/shenzhen/closures', { days: ['2026-12-31'], reason: '年终结算' });
    expect(closed.json()).toEqual({ released: 0 });
    expect((await clerk.request('GET', '/api/v1/staff/appointments/halls/shenzhen/closures?from=2026-12-01')).json()).toEqual({ items: [{ day: '2026-12-31', reason: '年终结算' }] });
    const witness = await aSignedInStaff(server, 'witness');
    expect((await witness.request('PUT', '/api/v1/staff/appointments/halls/shenzhen', { name: shenzhen.name, address: shenzhen.address, notes: 'x', schedule: shenzhen.schedule })).statusCode).toBe(403);
    expect((await witness.request('POST', '/api/v1/staff/queue/lines/shenzhen/counters/1/call-next')).statusCode).toBe(403);

    // The kiosk's ticket, called from the clerk's console.
    const kiosk = await new ApiClient(server.app).start();
    const ticket = (await kiosk.request('POST', '/api/v1/appointments/halls/shenzhen/tickets', { category: 'query' })).json<{ number: string; code: string }>();
    expect(ticket.number).toBe('B001');
    const counter = `/api/v1/staff/queue/lines/shenzhen/counters/${encodeURIComponent('3号窗口')}`;
    expect((await clerk.request('PUT', counter, { categories: ['query'] })).statusCode).toBe(200);
    const called = await clerk.request('POST', `${counter}/call-next`);
    expect(called.json()).toMatchObject({ counter: '3号窗口', current: { number: 'B001', status: 'called' } });
    const board = (await kiosk.request('GET', '/api/v1/queue/lines/shenzhen/board')).json<{ counters: { counter: string; number: string }[] }>();
    expect(board.counters).toContainEqual(expect.objectContaining({ counter: '3号窗口', number: 'B001' }));
    expect((await kiosk.request('GET', `/api/v1/queue/lines/shenzhen/progress?code=${ticket.code}`)).json()).toMatchObject({ status: 'called', counter: '3号窗口' });
  });
});
