CREATE TABLE "review_claim" (
	"character_id" text PRIMARY KEY NOT NULL,
	"holder_person_id" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_decision" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "review_decision_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"character_id" text NOT NULL,
	"character_name" text,
	"actor_person_id" text,
	"actor_label" text,
	"action" text NOT NULL,
	"pose" text,
	"seen_version" text,
	"result_version" text,
	"outcome" text NOT NULL,
	"credits" integer DEFAULT 0 NOT NULL,
	"message" text,
	"idempotency_key" text,
	CONSTRAINT "review_decision_action_check" CHECK (action in ('save', 'regenerate', 'resynthesize', 'delete')),
	CONSTRAINT "review_decision_outcome_check" CHECK (outcome in ('done', 'stale', 'busy', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "review_decision_lock" (
	"character_id" text PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"action" text NOT NULL,
	"phase" text NOT NULL,
	"holder_person_id" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_decision_lock_phase_check" CHECK (phase in ('sending', 'synthesizing'))
);
--> statement-breakpoint
ALTER TABLE "review_claim" ADD CONSTRAINT "review_claim_holder_person_id_user_id_fk" FOREIGN KEY ("holder_person_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_decision" ADD CONSTRAINT "review_decision_actor_person_id_user_id_fk" FOREIGN KEY ("actor_person_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_decision_lock" ADD CONSTRAINT "review_decision_lock_holder_person_id_user_id_fk" FOREIGN KEY ("holder_person_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_claim_expires_idx" ON "review_claim" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "review_decision_idempotency_key_idx" ON "review_decision" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "review_decision_at_idx" ON "review_decision" USING btree ("at");--> statement-breakpoint
CREATE INDEX "review_decision_actor_at_idx" ON "review_decision" USING btree ("actor_person_id","at");--> statement-breakpoint
CREATE INDEX "review_decision_character_idx" ON "review_decision" USING btree ("character_id","at");