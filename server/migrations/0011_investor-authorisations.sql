CREATE TABLE "investor_authorisations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authorisation_number" text NOT NULL,
	"holder_id" uuid NOT NULL,
	"account_number" text NOT NULL,
	"business" text NOT NULL,
	"authorised_party" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"status" text NOT NULL,
	"revoked_on" date,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "investor_authorisations_validity" CHECK ("investor_authorisations"."valid_from" <= "investor_authorisations"."valid_to"),
	CONSTRAINT "investor_authorisations_status" CHECK ("investor_authorisations"."status" in ('active', 'revoked'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "investor_authorisations_number_uq" ON "investor_authorisations" USING btree ("authorisation_number");--> statement-breakpoint
CREATE INDEX "investor_authorisations_holder_idx" ON "investor_authorisations" USING btree ("holder_id","account_number","valid_from");