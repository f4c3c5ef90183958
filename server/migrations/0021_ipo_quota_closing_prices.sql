CREATE TABLE "closing_price_days" (
	"market" text NOT NULL,
	"trading_day" date NOT NULL,
	"securities" integer NOT NULL,
	"batch_id" text NOT NULL,
	CONSTRAINT "closing_price_days_market_trading_day_pk" PRIMARY KEY("market","trading_day")
);
--> statement-breakpoint
CREATE TABLE "closing_prices" (
	"market" text NOT NULL,
	"trading_day" date NOT NULL,
	"security_code" text NOT NULL,
	"price" numeric(18, 4) NOT NULL,
	"batch_id" text NOT NULL,
	CONSTRAINT "closing_prices_market_trading_day_security_code_pk" PRIMARY KEY("market","trading_day","security_code")
);
--> statement-breakpoint
ALTER TABLE "ipo_subscriptions" DROP CONSTRAINT "ipo_subscriptions_positive";--> statement-breakpoint
DROP INDEX "ipo_subscriptions_account_uq";--> statement-breakpoint
ALTER TABLE "ipo_subscriptions" ALTER COLUMN "first_number" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "ipo_subscriptions" ADD COLUMN "invalid_reason" text;--> statement-breakpoint
ALTER TABLE "ipo_subscriptions" ADD COLUMN "quota" bigint;--> statement-breakpoint
CREATE INDEX "closing_prices_security_idx" ON "closing_prices" USING btree ("market","security_code","trading_day");--> statement-breakpoint
CREATE UNIQUE INDEX "ipo_subscriptions_account_uq" ON "ipo_subscriptions" USING btree ("offering_id","account_number") WHERE invalid_reason is null;--> statement-breakpoint
ALTER TABLE "ipo_subscriptions" ADD CONSTRAINT "ipo_subscriptions_positive" CHECK ("ipo_subscriptions"."quantity" > 0 and (("ipo_subscriptions"."invalid_reason" is null and "ipo_subscriptions"."first_number" is not null and "ipo_subscriptions"."number_count" > 0) or ("ipo_subscriptions"."invalid_reason" is not null and "ipo_subscriptions"."first_number" is null and "ipo_subscriptions"."number_count" = 0)));