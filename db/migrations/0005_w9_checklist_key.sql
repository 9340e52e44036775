-- Tax-year totals need to know whether a W-9 is on file: mark the default step so it can be found
-- whatever an admin later renames it to.
UPDATE checklist_items SET system_key = 'w9' WHERE label = 'Tax form (W-9) received' AND system_key IS NULL;
