CREATE TABLE "pose_version" (
	"character_id" text NOT NULL,
	"pose" text NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"full_key" text,
	"thumb_key" text,
	"replaced_by" text,
	"replaced_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"approved_by" text,
	CONSTRAINT "pose_version_character_id_pose_version_pk" PRIMARY KEY("character_id","pose","version"),
	CONSTRAINT "pose_version_replaced_by_check" CHECK (replaced_by in ('regenerate', 'resynthesize'))
);
