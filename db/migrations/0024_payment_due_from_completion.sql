-- A payment's due date is its engagement's completion day plus the engagement's payment deadline in
-- days (dueDateFor in app/models/payment-due.server.ts), never the day someone recorded the payment.
-- Due dates that were typed or defaulted otherwise are put right, for every payment whose engagement
-- has a completion date, so that "paid by the due date" and "overdue" tell the truth about the past.
-- Each change is audited (by the system, field names only), before it is made.
INSERT INTO audit_events (id, created_at, actor_user_id, organization_id, action, subject_type, subject_id, changed_fields)
SELECT
  lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
    || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
  cast(strftime('%s', 'now') AS integer) * 1000,
  NULL,
  p.organization_id,
  'payment.due_date_recomputed',
  'payment',
  p.id,
  '["dueDate"]'
FROM payments p
JOIN engagements e ON e.id = p.engagement_id
WHERE e.completed_at IS NOT NULL
  AND p.due_date IS NOT date(e.completed_at / 1000, 'unixepoch', '+' || e.payment_due_days || ' days');
--> statement-breakpoint
UPDATE payments
SET
  due_date = (
    SELECT date(e.completed_at / 1000, 'unixepoch', '+' || e.payment_due_days || ' days')
    FROM engagements e WHERE e.id = payments.engagement_id
  ),
  updated_at = cast(strftime('%s', 'now') AS integer) * 1000
WHERE EXISTS (
  SELECT 1 FROM engagements e
  WHERE e.id = payments.engagement_id
    AND e.completed_at IS NOT NULL
    AND payments.due_date IS NOT date(e.completed_at / 1000, 'unixepoch', '+' || e.payment_due_days || ' days')
);
