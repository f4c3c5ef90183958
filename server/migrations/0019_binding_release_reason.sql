ALTER TABLE "investor_bindings" ADD COLUMN "end_reason" text;--> statement-breakpoint
-- Bindings of users deregistered before deregistration released them: released now, at the time of the deregistration.
UPDATE "investor_bindings" AS b SET "status" = 'released', "ended_at" = u."deregistered_at", "end_reason" = 'user_deregistered'
FROM "investor_users" AS u
WHERE u."id" = b."investor_user_id" AND u."status" = 'deregistered' AND b."status" = 'active';
