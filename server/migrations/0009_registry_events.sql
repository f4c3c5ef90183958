CREATE TABLE "distribution_entitlements" (
	"distribution_id" uuid NOT NULL,
	"account_number" text NOT NULL,
	"holder_id" uuid NOT NULL,
	"security_id" integer NOT NULL,
	"quantity" bigint NOT NULL,
	"restricted" bigint DEFAULT 0 NOT NULL,
	"cash_amount" numeric(24, 2) NOT NULL,
	"shares_whole" bigint DEFAULT 0 NOT NULL,
	"shares_from_fractions" bigint DEFAULT 0 NOT NULL,
	"shares" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "distribution_entitlements_distribution_id_account_number_pk" PRIMARY KEY("distribution_id","account_number")
);
--> statement-breakpoint
CREATE TABLE "distributions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"security_id" integer NOT NULL,
	"record_on" date NOT NULL,
	"pay_on" date NOT NULL,
	"cash_per_10" numeric(18, 6) DEFAULT '0' NOT NULL,
	"bonus_per_10" numeric(18, 6) DEFAULT '0' NOT NULL,
	"capitalisation_per_10" numeric(18, 6) DEFAULT '0' NOT NULL,
	"cash_rounding" text NOT NULL,
	"status" text NOT NULL,
	"holders" integer,
	"shares_entitled" bigint,
	"cash_total" numeric(24, 2),
	"cash_remainder" numeric(24, 8),
	"shares_issued" bigint,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dividend_tax_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"holder_id" uuid NOT NULL,
	"account_number" text NOT NULL,
	"security_id" integer NOT NULL,
	"distribution_id" uuid NOT NULL,
	"record_on" date NOT NULL,
	"dividend_per_share" numeric(18, 8) NOT NULL,
	"quantity" bigint NOT NULL,
	"acquired_on" date NOT NULL,
	"sold_on" date NOT NULL,
	"band" text NOT NULL,
	"dividend_amount" numeric(24, 8) NOT NULL,
	"taxable_amount" numeric(24, 8) NOT NULL,
	"tax_amount" numeric(24, 2) NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "register_exports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"security_id" integer NOT NULL,
	"as_of" date NOT NULL,
	"format" text NOT NULL,
	"status" text NOT NULL,
	"job_id" uuid,
	"file_key" text,
	"rows" integer,
	"bytes" bigint,
	"requested_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "distribution_entitlements_holder_idx" ON "distribution_entitlements" USING btree ("holder_id");--> statement-breakpoint
CREATE INDEX "distributions_security_idx" ON "distributions" USING btree ("security_id","record_on");--> statement-breakpoint
CREATE INDEX "dividend_tax_account_idx" ON "dividend_tax_records" USING btree ("account_number","sold_on");--> statement-breakpoint
CREATE INDEX "dividend_tax_holder_idx" ON "dividend_tax_records" USING btree ("holder_id","sold_on");--> statement-breakpoint
CREATE INDEX "dividend_tax_security_idx" ON "dividend_tax_records" USING btree ("security_id");--> statement-breakpoint
CREATE INDEX "register_exports_created_idx" ON "register_exports" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "register_exports_job_uq" ON "register_exports" USING btree ("job_id");