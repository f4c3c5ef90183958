import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { metaOf, requireSession } from '../../platform/http/auth.ts';
import { Obj, Str, Uuid, routesTagged } from '../../platform/http/schemas.ts';
import { IsoDay } from '../../kernel/wire.ts';
import type { IdType } from '../../kernel/identifiers.ts';
import { authorise, limitPerAddress } from '../identity/index.ts';
import { availability, bookAppointment, cancelAppointment, hallAppointmentsOfDay, myAppointments, previewBooking, type BookingInput } from './booking.ts';
import { checkIn, walkInTicket } from './hall-queue.ts';
import { closeHallDays, hallClosures, listHalls, reopenHallDays, staffHalls, updateHall } from './halls.ts';
import { AppointmentSchema, BookingBody, CategoryCode, HallSchema, Region, ScheduleSchema, StaffHallSchema, TicketSchema } from './route-schemas.ts';

const ticketOf = ({ number, code, category, categoryName, categoryNameEn, waitingBefore }: Awaited<ReturnType<typeof walkInTicket>>) => ({ number, code, category, categoryName, categoryNameEn, waitingBefore });

/** The halls, their free places, and the kiosk (取号, 签到): public, no sign-in. */
export const appointmentPublicRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const route = routesTagged(['appointments']);

  app.get(
    '/api/v1/appointments/halls',
    route('The halls (北京, 上海, 深圳): address, 预约说明, business categories, opening days and periods', { response: { 200: Obj({ items: Type.Array(HallSchema) }) } }),
    async () => ({
      items: await listHalls(ctx),
    }),
  );

  app.get(
    '/api/v1/appointments/halls/:region/availability',
    route('预约日期及时段: the open days from today within the booking horizon, each period not yet begun with the places left', {
      params: Obj({ region: Region }),
      querystring: Obj({ category: CategoryCode }),
      response: {
        200: Obj({
          region: Type.String(),
          category: Type.String(),
          days: Type.Array(Obj({ day: Type.String(), periods: Type.Array(Obj({ starts: Type.String(), ends: Type.String(), left: Type.Integer({ minimum: 0 }) })) })),
        }),
      },
    }),
    async (request) => availability(ctx, request.params.region, request.query.category),
  );

  app.post(
    '/api/v1/appointments/halls/:region/tickets',
    route('取号 at the hall kiosk: a queue number and queue code (排队码) for a business category', {
      params: Obj({ region: Region }),
      body: Obj({ category: CategoryCode }),
      response: { 200: TicketSchema },
    }),
    async (request) => {
      await limitPerAddress(ctx, request, 'queue-ticket', 600, 1);
      return ticketOf(await walkInTicket(ctx, request.params.region, request.body.category));
    },
  );

  app.post(
    '/api/v1/appointments/halls/:region/check-in',
    route('签到 at the hall kiosk with the appointment code (typed, or read from its QR code) on the day: a queue ticket called first within the period', {
      params: Obj({ region: Region }),
      body: Obj({ code: Type.String({ pattern: '^[0-9]{10}$', maxLength: 10, description: '预约码' }) }),
      response: { 200: TicketSchema },
    }),
    async (request) => {
      await limitPerAddress(ctx, request, 'appointment-check-in', 120, 1);
      return ticketOf(await checkIn(ctx, metaOf(request), request.params.region, request.body.code));
    },
  );
};

/** 申请预约, 我的预约, 取消预约 (manual 000 §一.4, §二.4): a signed-in investor. */
export const appointmentInvestorRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const route = routesTagged(['investor appointments']);
  const base = '/api/v1/investor/appointments';

  const bookingOf = (body: typeof BookingBody.static): BookingInput => {
    const { idType, ...form } = body;
    return { ...form, ...(idType ? { idType: idType as IdType } : {}) };
  };

  app.post(
    `${base}/preview`,
    route('提交申请 → 预约信息确认: every check of the booking and the places left, without booking; the form as the confirmation page shows it, masked', {
      body: BookingBody,
      response: {
        200: Obj({
          ...Type.Omit(AppointmentSchema, ['id', 'code', 'status', 'createdAt', 'cancellableUntil', 'cancellable']).properties,
          left: Type.Integer({ minimum: 1, description: 'places left in the period' }),
        }),
      },
    }),
    async (request) => previewBooking(ctx, requireSession(request, 'investor'), bookingOf(request.body)),
  );

  app.post(
    base,
    route('确认 / 提交: book an appointment; answers the 预约码 and, for the mobile hall, the QR payload carrying it', {
      body: BookingBody,
      response: { 200: Obj({ ...AppointmentSchema.properties, qrPayload: Type.String({ description: 'what the QR code carries' }) }) },
    }),
    async (request) => {
      return bookAppointment(ctx, metaOf(request), requireSession(request, 'investor'), bookingOf(request.body));
    },
  );

  app.get(
    base,
    route('我的预约: your appointments by 查询方式 (appointment_day: by the day of the appointment; application_day: by the day it was made) within a period', {
      querystring: Obj({ method: Type.Union([Type.Literal('appointment_day'), Type.Literal('application_day')]), from: IsoDay, to: IsoDay }),
      response: { 200: Obj({ items: Type.Array(AppointmentSchema) }) },
    }),
    async (request) => myAppointments(ctx, requireSession(request, 'investor'), request.query),
  );

  app.post(`${base}/:id/cancel`, route('取消预约: while the cut-off allows; the place is freed at once', { params: Obj({ id: Uuid }), response: { 200: AppointmentSchema } }), async (request) =>
    cancelAppointment(ctx, metaOf(request), requireSession(request, 'investor'), request.params.id),
  );
};

/** Staff edit the halls: schedule, capacity, notes, the hall calendar. */
export const appointmentStaffRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const route = routesTagged(['staff appointments']);
  const base = '/api/v1/staff/appointments/halls';

  app.get(base, route('The halls with their schedules', { response: { 200: Obj({ items: Type.Array(StaffHallSchema) }) } }), async (request) => {
    await authorise(ctx, request, 'appointments.read');
    return { items: await staffHalls(ctx) };
  });

  app.put(
    `${base}/:region`,
    route('Edit a hall: name, address, 预约说明, opening weekdays, periods, categories and capacity; appointments the change cannot keep are released and their holders told', {
      params: Obj({ region: Region }),
      body: Obj({ name: Str(40, { minLength: 1 }), address: Str(200, { minLength: 1 }), notes: Str(4000), schedule: ScheduleSchema }),
      response: { 200: Obj({ hall: StaffHallSchema, released: Type.Integer({ description: 'appointments released, their holders told' }) }) },
    }),
    async (request) => {
      const actor = await authorise(ctx, request, 'appointments.manage');
      return updateHall(ctx, metaOf(request), actor, request.params.region, request.body);
    },
  );

  app.get(
    `${base}/:region/appointments`,
    route("A hall's appointments of a day, for its staff: the agent's name and ID number as the staff view shows them (in full)", {
      params: Obj({ region: Region }),
      querystring: Obj({ day: IsoDay }),
      response: { 200: Obj({ items: Type.Array(AppointmentSchema) }) },
    }),
    async (request) => {
      await authorise(ctx, request, 'appointments.read');
      return hallAppointmentsOfDay(ctx, request.params.region, request.query.day);
    },
  );

  app.get(
    `${base}/:region/closures`,
    route('The hall calendar: days closed (holidays) from a day on', {
      params: Obj({ region: Region }),
      querystring: Obj({ from: IsoDay }),
      response: { 200: Obj({ items: Type.Array(Obj({ day: Type.String(), reason: Type.String() })) }) },
    }),
    async (request) => {
      await authorise(ctx, request, 'appointments.read');
      return { items: await hallClosures(ctx, request.params.region, request.query.from) };
    },
  );

  app.post(
    `${base}/:region/closures`,
    route('Close the hall on days (holidays); appointments on them are released and their holders told', {
      params: Obj({ region: Region }),
      body: Obj({ days: Type.Array(IsoDay, { minItems: 1, maxItems: 366, uniqueItems: true }), reason: Str(100, { minLength: 1 }) }),
      response: { 200: Obj({ released: Type.Integer() }) },
    }),
    async (request) => {
      const actor = await authorise(ctx, request, 'appointments.manage');
      return closeHallDays(ctx, metaOf(request), actor, request.params.region, request.body.days, request.body.reason);
    },
  );

  app.post(
    `${base}/:region/closures/reopen`,
    route('Open the hall again on days it was closed', {
      params: Obj({ region: Region }),
      body: Obj({ days: Type.Array(IsoDay, { minItems: 1, maxItems: 366, uniqueItems: true }) }),
      response: { 200: Obj({ reopened: Type.Integer() }) },
    }),
    async (request) => {
      const actor = await authorise(ctx, request, 'appointments.manage');
      await reopenHallDays(ctx, metaOf(request), actor, request.params.region, request.body.days);
      return { reopened: request.body.days.length };
    },
  );
};
