ALTER TABLE `assessment_respondents` ADD `grouped` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Anonymous sets already sent: where there were three or more, staff could already see them all in the
-- survivors' view, so all of them stay in it (holding one back now would let its answers be read as the
-- difference between the old view and the new). One or two stay out until others join them.
UPDATE `assessment_respondents` SET `grouped` = 1
WHERE `kind` = 'anonymous' AND `assessment_id` IN (
  SELECT `assessment_id` FROM `assessment_respondents`
  WHERE `kind` = 'anonymous'
  GROUP BY `assessment_id`
  HAVING count(*) >= 3
);
