CREATE TABLE "appointment_closures" (
	"hall_id" uuid NOT NULL,
	"day" date NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "appointment_closures_hall_id_day_pk" PRIMARY KEY("hall_id","day")
);
--> statement-breakpoint
CREATE TABLE "appointment_halls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"notes" text NOT NULL,
	"schedule" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appointment_slots" (
	"hall_id" uuid NOT NULL,
	"day" date NOT NULL,
	"period" text NOT NULL,
	"category" text NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer NOT NULL,
	CONSTRAINT "appointment_slots_hall_id_day_period_category_pk" PRIMARY KEY("hall_id","day","period","category"),
	CONSTRAINT "appointment_slots_booked" CHECK ("appointment_slots"."booked" >= 0)
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"investor_user_id" uuid NOT NULL,
	"hall_id" uuid NOT NULL,
	"agent_type" text NOT NULL,
	"agent_name_enc" text NOT NULL,
	"employer" text NOT NULL,
	"id_type" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"category" text NOT NULL,
	"items" integer NOT NULL,
	"day" date NOT NULL,
	"period_starts" text NOT NULL,
	"period_ends" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"reminded_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"queue_ticket_id" uuid,
	CONSTRAINT "appointments_status" CHECK ("appointments"."status" in ('booked', 'checked_in', 'cancelled', 'hall_cancelled', 'no_show', 'served')),
	CONSTRAINT "appointments_agent_type" CHECK ("appointments"."agent_type" in ('domestic', 'overseas')),
	CONSTRAINT "appointments_items" CHECK ("appointments"."items" between 1 and 99)
);
--> statement-breakpoint
CREATE TABLE "queue_counters" (
	"line_id" uuid NOT NULL,
	"name" text NOT NULL,
	"categories" jsonb NOT NULL,
	"staff_user_id" uuid,
	"opened_at" timestamp with time zone,
	"current_ticket_id" uuid,
	CONSTRAINT "queue_counters_line_id_name_pk" PRIMARY KEY("line_id","name")
);
--> statement-breakpoint
CREATE TABLE "queue_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"categories" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_number_counters" (
	"line_id" uuid NOT NULL,
	"day" date NOT NULL,
	"prefix" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "queue_number_counters_line_id_day_prefix_pk" PRIMARY KEY("line_id","day","prefix")
);
--> statement-breakpoint
CREATE TABLE "queue_tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"line_id" uuid NOT NULL,
	"day" date NOT NULL,
	"category" text NOT NULL,
	"category_name" text NOT NULL,
	"number" text NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"window_starts" timestamp with time zone,
	"window_ends" timestamp with time zone,
	"reference" text,
	"status" text NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"counter" text,
	"called_at" timestamp with time zone,
	"call_count" integer DEFAULT 0 NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "queue_tickets_status" CHECK ("queue_tickets"."status" in ('waiting', 'called', 'served', 'absent')),
	CONSTRAINT "queue_tickets_kind" CHECK ("queue_tickets"."kind" in ('walk_in', 'appointment'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_halls_region_uq" ON "appointment_halls" USING btree ("region");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_code_uq" ON "appointments" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_one_per_period_uq" ON "appointments" USING btree ("investor_user_id","day","period_starts") WHERE status in ('booked', 'checked_in');--> statement-breakpoint
CREATE INDEX "appointments_investor_idx" ON "appointments" USING btree ("investor_user_id","day");--> statement-breakpoint
CREATE INDEX "appointments_hall_day_idx" ON "appointments" USING btree ("hall_id","day","status");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_lines_key_uq" ON "queue_lines" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_tickets_code_uq" ON "queue_tickets" USING btree ("line_id","day","code");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_tickets_number_uq" ON "queue_tickets" USING btree ("line_id","day","number");--> statement-breakpoint
CREATE INDEX "queue_tickets_waiting_idx" ON "queue_tickets" USING btree ("line_id","status","category");
--> statement-breakpoint
-- The three halls, with a first schedule that staff edit.
INSERT INTO "appointment_halls" ("id", "region", "name", "address", "notes", "schedule", "updated_at") VALUES
  ('7a1c3f00-0000-4000-8000-000000000001', 'beijing', '北京营业大厅', '北京市西城区太平桥大街17号', E'1. 每个时段名额有限，约满为止；同一时段只能预约一次。\n2. 请于预约日期凭预约码或二维码在营业大厅取号机签到取号，预约时段内优先叫号。\n3. 如不能按时到场，请在规定时间前取消预约；多次预约未到场将暂停预约资格。\n4. 办理业务请携带经办人有效身份证件及相关材料。', '{"openWeekdays": [1, 2, 3, 4, 5], "periods": [{"starts": "09:00", "ends": "10:00"}, {"starts": "10:00", "ends": "11:00"}, {"starts": "11:00", "ends": "11:30"}, {"starts": "13:00", "ends": "14:00"}, {"starts": "14:00", "ends": "15:00"}, {"starts": "15:00", "ends": "16:00"}], "categories": [{"code": "account", "name": "证券账户业务", "nameEn": "Securities accounts", "prefix": "A", "capacity": 10}, {"code": "query", "name": "证券查询业务", "nameEn": "Securities queries", "prefix": "B", "capacity": 10}, {"code": "transfer", "name": "非交易过户业务", "nameEn": "Non-trade transfers", "prefix": "C", "capacity": 10}, {"code": "pledge", "name": "证券质押登记业务", "nameEn": "Pledge registration", "prefix": "D", "capacity": 10}, {"code": "judicial", "name": "司法协助业务", "nameEn": "Judicial assistance", "prefix": "E", "capacity": 10}, {"code": "other", "name": "其他业务", "nameEn": "Other business", "prefix": "F", "capacity": 10}]}'::jsonb, now()),
  ('7a1c3f00-0000-4000-8000-000000000002', 'shanghai', '上海营业大厅', '上海市浦东新区杨高南路188号', E'1. 每个时段名额有限，约满为止；同一时段只能预约一次。\n2. 请于预约日期凭预约码或二维码在营业大厅取号机签到取号，预约时段内优先叫号。\n3. 如不能按时到场，请在规定时间前取消预约；多次预约未到场将暂停预约资格。\n4. 办理业务请携带经办人有效身份证件及相关材料。', '{"openWeekdays": [1, 2, 3, 4, 5], "periods": [{"starts": "09:00", "ends": "10:00"}, {"starts": "10:00", "ends": "11:00"}, {"starts": "11:00", "ends": "11:30"}, {"starts": "13:00", "ends": "14:00"}, {"starts": "14:00", "ends": "15:00"}, {"starts": "15:00", "ends": "16:00"}], "categories": [{"code": "account", "name": "证券账户业务", "nameEn": "Securities accounts", "prefix": "A", "capacity": 10}, {"code": "query", "name": "证券查询业务", "nameEn": "Securities queries", "prefix": "B", "capacity": 10}, {"code": "transfer", "name": "非交易过户业务", "nameEn": "Non-trade transfers", "prefix": "C", "capacity": 10}, {"code": "pledge", "name": "证券质押登记业务", "nameEn": "Pledge registration", "prefix": "D", "capacity": 10}, {"code": "judicial", "name": "司法协助业务", "nameEn": "Judicial assistance", "prefix": "E", "capacity": 10}, {"code": "other", "name": "其他业务", "nameEn": "Other business", "prefix": "F", "capacity": 10}]}'::jsonb, now()),
  ('7a1c3f00-0000-4000-8000-000000000003', 'shenzhen', '深圳营业大厅', '深圳市福田区深南大道2012号', E'1. 每个时段名额有限，约满为止；同一时段只能预约一次。\n2. 请于预约日期凭预约码或二维码在营业大厅取号机签到取号，预约时段内优先叫号。\n3. 如不能按时到场，请在规定时间前取消预约；多次预约未到场将暂停预约资格。\n4. 办理业务请携带经办人有效身份证件及相关材料。', '{"openWeekdays": [1, 2, 3, 4, 5], "periods": [{"starts": "09:00", "ends": "10:00"}, {"starts": "10:00", "ends": "11:00"}, {"starts": "11:00", "ends": "11:30"}, {"starts": "13:00", "ends": "14:00"}, {"starts": "14:00", "ends": "15:00"}, {"starts": "15:00", "ends": "16:00"}], "categories": [{"code": "account", "name": "证券账户业务", "nameEn": "Securities accounts", "prefix": "A", "capacity": 10}, {"code": "query", "name": "证券查询业务", "nameEn": "Securities queries", "prefix": "B", "capacity": 10}, {"code": "transfer", "name": "非交易过户业务", "nameEn": "Non-trade transfers", "prefix": "C", "capacity": 10}, {"code": "pledge", "name": "证券质押登记业务", "nameEn": "Pledge registration", "prefix": "D", "capacity": 10}, {"code": "judicial", "name": "司法协助业务", "nameEn": "Judicial assistance", "prefix": "E", "capacity": 10}, {"code": "other", "name": "其他业务", "nameEn": "Other business", "prefix": "F", "capacity": 10}]}'::jsonb, now())
ON CONFLICT DO NOTHING;
