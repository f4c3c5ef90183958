CREATE TABLE "change_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"content_hash" text NOT NULL,
	"row_count" integer NOT NULL,
	"status" text NOT NULL,
	"applied_at" timestamp with time zone NOT NULL,
	"applied_by" text
);
--> statement-breakpoint
CREATE TABLE "detail_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"holder_id" uuid NOT NULL,
	"securities_account_number" text NOT NULL,
	"detail_no" text NOT NULL,
	"beneficiary_name" text NOT NULL,
	"beneficiary_id_type" text NOT NULL,
	"beneficiary_id_enc" text NOT NULL,
	"beneficiary_id_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "freezes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"holder_id" uuid NOT NULL,
	"account_number" text NOT NULL,
	"security_id" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"authority" text NOT NULL,
	"case_number" text NOT NULL,
	"quantity" bigint NOT NULL,
	"frozen_quantity" bigint DEFAULT 0 NOT NULL,
	"queue_no" integer,
	"period_months" integer NOT NULL,
	"start_on" date,
	"end_on" date,
	"requested_on" date NOT NULL,
	"released_on" date,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "holders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"name" text NOT NULL,
	"id_type" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "holding_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"holder_id" uuid NOT NULL,
	"account_number" text NOT NULL,
	"security_id" integer NOT NULL,
	"business_type" text NOT NULL,
	"category" text NOT NULL,
	"quantity" bigint NOT NULL,
	"balance_after" bigint NOT NULL,
	"effective_on" date NOT NULL,
	"batch_id" text NOT NULL,
	"line_no" integer,
	"reference" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "holdings" (
	"account_number" text NOT NULL,
	"security_id" integer NOT NULL,
	"holder_id" uuid NOT NULL,
	"tradable" bigint DEFAULT 0 NOT NULL,
	"restricted" bigint DEFAULT 0 NOT NULL,
	"frozen" bigint DEFAULT 0 NOT NULL,
	"pledged" bigint DEFAULT 0 NOT NULL,
	"last_effective_on" date NOT NULL,
	CONSTRAINT "holdings_account_number_security_id_pk" PRIMARY KEY("account_number","security_id"),
	CONSTRAINT "holdings_non_negative" CHECK ("holdings"."tradable" >= 0 and "holdings"."restricted" >= 0 and "holdings"."frozen" >= 0 and "holdings"."pledged" >= 0),
	CONSTRAINT "holdings_encumbrance" CHECK ("holdings"."frozen" + "holdings"."pledged" <= "holdings"."tradable" + "holdings"."restricted")
);
--> statement-breakpoint
CREATE TABLE "pledges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"holder_id" uuid NOT NULL,
	"account_number" text NOT NULL,
	"security_id" integer NOT NULL,
	"pledgee" text NOT NULL,
	"contract_number" text NOT NULL,
	"quantity" bigint NOT NULL,
	"status" text NOT NULL,
	"registered_on" date NOT NULL,
	"released_on" date,
	"replaces_pledge_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "restricted_lots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"holder_id" uuid NOT NULL,
	"account_number" text NOT NULL,
	"security_id" integer NOT NULL,
	"quantity" bigint NOT NULL,
	"release_on" date NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "securities" (
	"id" integer PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"market" text NOT NULL,
	"class" text NOT NULL,
	"board" text NOT NULL,
	"name" text NOT NULL,
	"isin" text NOT NULL,
	"par_value" numeric(18, 4) NOT NULL,
	"status" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "securities_accounts" (
	"number" text PRIMARY KEY NOT NULL,
	"holder_id" uuid NOT NULL,
	"unified_account_number" text NOT NULL,
	"market" text NOT NULL,
	"kind" text NOT NULL,
	"beijing_enabled" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"opening_agent" text NOT NULL,
	"opening_method" text NOT NULL,
	"opened_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unified_accounts" (
	"number" text PRIMARY KEY NOT NULL,
	"holder_id" uuid NOT NULL,
	"status" text NOT NULL,
	"opening_agent" text NOT NULL,
	"opening_method" text NOT NULL,
	"opened_on" date NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "detail_accounts_no_uq" ON "detail_accounts" USING btree ("securities_account_number","detail_no");--> statement-breakpoint
CREATE INDEX "freezes_position_idx" ON "freezes" USING btree ("account_number","security_id","status");--> statement-breakpoint
CREATE INDEX "freezes_holder_idx" ON "freezes" USING btree ("holder_id");--> statement-breakpoint
CREATE UNIQUE INDEX "holders_identity_uq" ON "holders" USING btree ("id_type","id_number_hash");--> statement-breakpoint
CREATE INDEX "holding_changes_position_idx" ON "holding_changes" USING btree ("account_number","security_id","category","effective_on","id");--> statement-breakpoint
CREATE INDEX "holding_changes_batch_idx" ON "holding_changes" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "holdings_security_idx" ON "holdings" USING btree ("security_id");--> statement-breakpoint
CREATE INDEX "holdings_holder_idx" ON "holdings" USING btree ("holder_id");--> statement-breakpoint
CREATE INDEX "pledges_position_idx" ON "pledges" USING btree ("account_number","security_id","status");--> statement-breakpoint
CREATE INDEX "restricted_lots_position_idx" ON "restricted_lots" USING btree ("account_number","security_id");--> statement-breakpoint
CREATE INDEX "restricted_lots_release_idx" ON "restricted_lots" USING btree ("release_on","status");--> statement-breakpoint
CREATE UNIQUE INDEX "securities_code_uq" ON "securities" USING btree ("market","code");--> statement-breakpoint
CREATE INDEX "securities_accounts_holder_idx" ON "securities_accounts" USING btree ("holder_id");--> statement-breakpoint
CREATE INDEX "securities_accounts_unified_idx" ON "securities_accounts" USING btree ("unified_account_number");--> statement-breakpoint
CREATE INDEX "unified_accounts_holder_idx" ON "unified_accounts" USING btree ("holder_id");