ALTER TABLE "profile_flows" ALTER COLUMN "investor_user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "identity_verifications" ALTER COLUMN "investor_user_id" DROP NOT NULL;