CREATE TABLE "stored_image" (
	"key" text PRIMARY KEY NOT NULL,
	"character_id" text,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "stored_image_character_idx" ON "stored_image" USING btree ("character_id");