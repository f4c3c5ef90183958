CREATE TABLE "investor_temporary_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"investor_user_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"holder_id" uuid NOT NULL,
	"account_number" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "investor_temporary_accounts_session_uq" ON "investor_temporary_accounts" USING btree ("session_id","account_number");--> statement-breakpoint
CREATE INDEX "investor_temporary_accounts_user_idx" ON "investor_temporary_accounts" USING btree ("investor_user_id");