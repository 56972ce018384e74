CREATE TABLE "rate_budget" (
	"team_key" text NOT NULL,
	"bucket" text NOT NULL,
	"full_at" timestamp with time zone NOT NULL,
	"paused_until" timestamp with time zone,
	CONSTRAINT "rate_budget_team_key_bucket_pk" PRIMARY KEY("team_key","bucket")
);
