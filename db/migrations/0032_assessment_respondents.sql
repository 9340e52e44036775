CREATE TABLE `assessment_respondents` (
	`id` text PRIMARY KEY NOT NULL,
	`assessment_id` text NOT NULL,
	`kind` text NOT NULL,
	`user_id` text,
	`consultant_id` text,
	`sent_at` integer,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`consultant_id`) REFERENCES `consultants`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "assessment_respondents_who" CHECK(("assessment_respondents"."kind" = 'staff' and "assessment_respondents"."user_id" is not null and "assessment_respondents"."consultant_id" is null)
        or ("assessment_respondents"."kind" = 'consultant' and "assessment_respondents"."user_id" is null and "assessment_respondents"."consultant_id" is not null)
        or ("assessment_respondents"."kind" in ('earlier', 'anonymous') and "assessment_respondents"."user_id" is null and "assessment_respondents"."consultant_id" is null and "assessment_respondents"."sent_at" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_respondents_user_unique` ON `assessment_respondents` (`assessment_id`,`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_respondents_consultant_unique` ON `assessment_respondents` (`assessment_id`,`consultant_id`);--> statement-breakpoint
CREATE INDEX `assessment_respondents_assessment_idx` ON `assessment_respondents` (`assessment_id`,`kind`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_assessment_answers` (
	`assessment_id` text NOT NULL,
	`respondent_id` text NOT NULL,
	`item_key` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`respondent_id`) REFERENCES `assessment_respondents`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
-- Hand-written data migration. Until now each item held one shared answer, the last one saved, with
-- who saved it. Each answer goes to the member of staff who saved it last (one respondent per person
-- and assessment); an answer with nobody recorded goes to one "earlier answers" respondent of its
-- assessment. Each item then still has exactly one answer, so every score stays as it was.
INSERT INTO `assessment_respondents`("id", "assessment_id", "kind", "user_id")
  SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))), "assessment_id", 'staff', "updated_by_user_id"
  FROM `assessment_answers` WHERE "updated_by_user_id" IS NOT NULL
  GROUP BY "assessment_id", "updated_by_user_id";--> statement-breakpoint
INSERT INTO `assessment_respondents`("id", "assessment_id", "kind")
  SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))), "assessment_id", 'earlier'
  FROM `assessment_answers` WHERE "updated_by_user_id" IS NULL
  GROUP BY "assessment_id";--> statement-breakpoint
INSERT INTO `__new_assessment_answers`("assessment_id", "respondent_id", "item_key", "value", "updated_at")
  SELECT a."assessment_id", r."id", a."item_key", a."value", a."updated_at"
  FROM `assessment_answers` a
  JOIN `assessment_respondents` r ON r."assessment_id" = a."assessment_id" AND (
    (a."updated_by_user_id" IS NOT NULL AND r."kind" = 'staff' AND r."user_id" = a."updated_by_user_id")
    OR (a."updated_by_user_id" IS NULL AND r."kind" = 'earlier')
  );--> statement-breakpoint
DROP TABLE `assessment_answers`;--> statement-breakpoint
ALTER TABLE `__new_assessment_answers` RENAME TO `assessment_answers`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_answers_respondent_item_unique` ON `assessment_answers` (`respondent_id`,`item_key`);--> statement-breakpoint
CREATE INDEX `assessment_answers_assessment_idx` ON `assessment_answers` (`assessment_id`);--> statement-breakpoint
ALTER TABLE `assessment_actions` ADD `carried_over_from_assessment_id` text REFERENCES assessments(id);