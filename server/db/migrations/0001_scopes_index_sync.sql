CREATE TABLE "sync_state" (
	"name" text PRIMARY KEY NOT NULL,
	"cursor" text,
	"pass_started_at" timestamp with time zone,
	"head_next" boolean DEFAULT false NOT NULL,
	"holder" text,
	"lease_until" timestamp with time zone,
	"backoff_until" timestamp with time zone,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_tick_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "upload_classification" (
	"upload_id" text PRIMARY KEY NOT NULL,
	"owner_scope" text,
	"pose" text NOT NULL,
	"confidence" real NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "character" ADD COLUMN "character" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_idempotency_key_idx" ON "audit_log" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "character_updated_idx" ON "character" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "character_created_idx" ON "character" USING btree ("created_at","id");