CREATE TABLE "abandoned_subscriptions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"holder_id" uuid NOT NULL,
	"account_number" text NOT NULL,
	"market" text NOT NULL,
	"product_type" text NOT NULL,
	"security_code" text NOT NULL,
	"security_name" text NOT NULL,
	"winning_quantity" bigint NOT NULL,
	"abandoned_quantity" bigint NOT NULL,
	"reported_on" date NOT NULL,
	"source" text NOT NULL,
	"batch_id" text NOT NULL,
	"line_no" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ipo_offerings" (
	"id" serial PRIMARY KEY NOT NULL,
	"market" text NOT NULL,
	"security_code" text NOT NULL,
	"name" text NOT NULL,
	"board" text NOT NULL,
	"product_type" text NOT NULL,
	"issue_price" numeric(18, 4) NOT NULL,
	"subscription_date" date NOT NULL,
	"unit_shares" bigint NOT NULL,
	"numbers_per_unit" integer NOT NULL,
	"first_number" bigint NOT NULL,
	"numbers_allotted" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"drawn_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ipo_payments" (
	"subscription_id" bigint PRIMARY KEY NOT NULL,
	"offering_id" integer NOT NULL,
	"holder_id" uuid NOT NULL,
	"account_number" text NOT NULL,
	"winning_quantity" bigint NOT NULL,
	"paid_quantity" bigint NOT NULL,
	"result" text NOT NULL,
	"reported_on" date NOT NULL,
	"batch_id" text NOT NULL,
	"line_no" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ipo_subscriptions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"offering_id" integer NOT NULL,
	"holder_id" uuid NOT NULL,
	"account_number" text NOT NULL,
	"quantity" bigint NOT NULL,
	"order_seq" bigint NOT NULL,
	"ordered_at" timestamp with time zone NOT NULL,
	"first_number" bigint NOT NULL,
	"number_count" bigint NOT NULL,
	"winning_count" bigint,
	"winning_quantity" bigint,
	"batch_id" text NOT NULL,
	"line_no" integer NOT NULL,
	CONSTRAINT "ipo_subscriptions_positive" CHECK ("ipo_subscriptions"."quantity" > 0 and "ipo_subscriptions"."number_count" > 0)
);
--> statement-breakpoint
CREATE TABLE "ipo_winning_tails" (
	"offering_id" integer NOT NULL,
	"tail" text NOT NULL,
	"batch_id" text NOT NULL,
	CONSTRAINT "ipo_winning_tails_offering_id_tail_pk" PRIMARY KEY("offering_id","tail")
);
--> statement-breakpoint
CREATE TABLE "risk_disclosure_signings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"holder_id" uuid NOT NULL,
	"account_number" text NOT NULL,
	"disclosure_type" text NOT NULL,
	"signed_on" date NOT NULL,
	"broker" text NOT NULL,
	"batch_id" text NOT NULL,
	"line_no" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_disclosure_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"sort_order" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "abandoned_subscriptions_issue_uq" ON "abandoned_subscriptions" USING btree ("account_number","market","security_code");--> statement-breakpoint
CREATE INDEX "abandoned_subscriptions_holder_idx" ON "abandoned_subscriptions" USING btree ("holder_id","market","reported_on");--> statement-breakpoint
CREATE UNIQUE INDEX "ipo_offerings_code_uq" ON "ipo_offerings" USING btree ("market","security_code");--> statement-breakpoint
CREATE INDEX "ipo_payments_holder_idx" ON "ipo_payments" USING btree ("holder_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ipo_subscriptions_account_uq" ON "ipo_subscriptions" USING btree ("offering_id","account_number");--> statement-breakpoint
CREATE INDEX "ipo_subscriptions_holder_idx" ON "ipo_subscriptions" USING btree ("holder_id");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_disclosure_signings_uq" ON "risk_disclosure_signings" USING btree ("account_number","disclosure_type");--> statement-breakpoint
CREATE INDEX "risk_disclosure_signings_holder_idx" ON "risk_disclosure_signings" USING btree ("holder_id");