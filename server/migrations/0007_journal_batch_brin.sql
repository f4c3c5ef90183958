DROP INDEX "holding_changes_batch_idx";--> statement-breakpoint
CREATE INDEX "holding_changes_batch_idx" ON "holding_changes" USING brin ("batch_id" text_bloom_ops);