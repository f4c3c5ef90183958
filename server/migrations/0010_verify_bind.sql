CREATE TABLE "holder_reserved_phones" (
	"holder_id" uuid PRIMARY KEY NOT NULL,
	"mobile_enc" text NOT NULL,
	"mobile_hash" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_verifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"investor_user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"holder_id" uuid,
	"subject" jsonb NOT NULL,
	"subject_id_hash" text,
	"subject_name_enc" text,
	"context" jsonb NOT NULL,
	"method" text,
	"status" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"method_state" jsonb NOT NULL,
	"code_hash" text,
	"decided_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"passed_at" timestamp with time zone,
	"result_expires_at" timestamp with time zone,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "investor_identities" (
	"investor_user_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"id_type" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"source" text NOT NULL,
	"verified_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investor_bindings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"investor_user_id" uuid NOT NULL,
	"holder_id" uuid NOT NULL,
	"unified_account_number" text NOT NULL,
	"method" text NOT NULL,
	"verification_id" uuid,
	"status" text NOT NULL,
	"bound_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "exchange_order_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"market" text NOT NULL,
	"securities_account_number" text NOT NULL,
	"security_code" text NOT NULL,
	"side" text NOT NULL,
	"quantity" bigint NOT NULL,
	"price" numeric(18, 3) NOT NULL,
	"broker_code" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_bank_cards" (
	"card_hash" text PRIMARY KEY NOT NULL,
	"card_enc" text NOT NULL,
	"bank_name" text NOT NULL,
	"holder_name" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"reserved_mobile_enc" text NOT NULL,
	"status" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "identity_verifications_user_idx" ON "identity_verifications" USING btree ("investor_user_id","created_at");--> statement-breakpoint
CREATE INDEX "identity_verifications_pending_idx" ON "identity_verifications" USING btree ("method","status","subject_id_hash");--> statement-breakpoint
CREATE INDEX "identity_verifications_holder_idx" ON "identity_verifications" USING btree ("holder_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "investor_bindings_account_active_uq" ON "investor_bindings" USING btree ("unified_account_number") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "investor_bindings_user_idx" ON "investor_bindings" USING btree ("investor_user_id","status");--> statement-breakpoint
CREATE INDEX "exchange_order_reports_account_idx" ON "exchange_order_reports" USING btree ("securities_account_number","received_at");