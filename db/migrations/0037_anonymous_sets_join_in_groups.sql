ALTER TABLE `assessment_respondents` ADD `anonymous_group` integer;--> statement-breakpoint
-- Anonymous sets already sent: where there were three or more, staff could already see them all in the
-- survivors' view, so all of them stay in it, as group 1 (holding one back now would let its answers be
-- read as the difference between the old view and the new). One or two wait for others.
UPDATE `assessment_respondents` SET `anonymous_group` = 1
WHERE `kind` = 'anonymous' AND `assessment_id` IN (
  SELECT `assessment_id` FROM `assessment_respondents`
  WHERE `kind` = 'anonymous'
  GROUP BY `assessment_id`
  HAVING count(*) >= 3
);
