CREATE TABLE "profile_verifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"investor_user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"method" text NOT NULL,
	"passed_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "investor_notification_settings" (
	"investor_user_id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "profile_flows" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"investor_user_id" uuid NOT NULL,
	"token_hash" text,
	"new_value_enc" text,
	"new_value_hash" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "profile_flows_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "profile_verifications" ADD CONSTRAINT "profile_verifications_investor_user_id_investor_users_id_fk" FOREIGN KEY ("investor_user_id") REFERENCES "public"."investor_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investor_notification_settings" ADD CONSTRAINT "investor_notification_settings_investor_user_id_investor_users_id_fk" FOREIGN KEY ("investor_user_id") REFERENCES "public"."investor_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_flows" ADD CONSTRAINT "profile_flows_investor_user_id_investor_users_id_fk" FOREIGN KEY ("investor_user_id") REFERENCES "public"."investor_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "profile_verifications_purpose_idx" ON "profile_verifications" USING btree ("purpose","investor_user_id");--> statement-breakpoint
CREATE INDEX "profile_flows_user_idx" ON "profile_flows" USING btree ("investor_user_id");