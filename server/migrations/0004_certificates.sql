CREATE TABLE "investor_certificates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"verification_code" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"investor_user_id" uuid NOT NULL,
	"holder_id" uuid,
	"subject_name" text NOT NULL,
	"subject_id_enc" text,
	"params" jsonb NOT NULL,
	"summary" jsonb,
	"email_enc" text NOT NULL,
	"job_id" uuid,
	"file_key" text,
	"sha256" text,
	"requested_at" timestamp with time zone NOT NULL,
	"issued_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "investor_certificates_code_uq" ON "investor_certificates" USING btree ("verification_code");--> statement-breakpoint
CREATE INDEX "investor_certificates_user_idx" ON "investor_certificates" USING btree ("investor_user_id","requested_at");