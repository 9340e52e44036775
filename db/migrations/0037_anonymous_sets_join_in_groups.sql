ALTER TABLE `assessment_respondents` ADD `anonymous_group` integer;--> statement-breakpoint
-- Anonymous sets already sent: wherever staff could already see the survivors' view (it showed once three
-- consultants had sent answers, named or not), all of them stay in it, as group 1: holding one back now
-- would let its answers be read as the difference between the old view and the new. Elsewhere they wait.
UPDATE `assessment_respondents` SET `anonymous_group` = 1
WHERE `kind` = 'anonymous' AND `assessment_id` IN (
  SELECT `assessment_id` FROM `assessment_respondents`
  GROUP BY `assessment_id`
  HAVING sum(CASE WHEN `kind` = 'anonymous' THEN 1 ELSE 0 END) > 0
     AND sum(CASE WHEN `kind` = 'anonymous' OR (`kind` = 'consultant' AND `sent_at` IS NOT NULL) THEN 1 ELSE 0 END) >= 3
);
