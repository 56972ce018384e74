CREATE TABLE "upload_owner" (
	"upload_id" text PRIMARY KEY NOT NULL,
	"owner_scope" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
