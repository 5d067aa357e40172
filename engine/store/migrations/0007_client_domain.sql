-- 0007 client domain: a client company's own web domain (normalized: engine.briefings.keys), the
-- key of its ICP job titles (DESIGN §10: icp_job_titles is unique per org and company domain).
-- Optional: '' when not known; existing clients get ''.

ALTER TABLE clients ADD COLUMN domain TEXT DEFAULT '';
UPDATE clients SET domain = '' WHERE domain IS NULL;
