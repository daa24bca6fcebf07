-- What the mail gateway's database role may do on an esc queue: take
-- customers' mail in (`esc mail receive` from the mail server's pipe,
-- `esc mail fetch` from cron), and nothing an agent or a manager does.
-- Run as the queue's owner, in its database, with psql:
--   psql -v role=esc_mail -f docs/postgres-gateway.sql postgres://OWNER@HOST/DB
--
-- The gateway keeps every message, opens tickets and records customers'
-- replies, marks addresses that bounced, and files again a message kept
-- on no ticket (`esc mail retry`). The server checks each event
-- it writes (schema version 11): only a ticket opened, a customer's
-- contact or a reopening, each in the name of a customer's address (never
-- a person the policy names, never esc), at the server's clock; and the
-- automatic steps those bring due, as for any role. It may not apply a
-- policy, rewrite the log, import, or deliver: the owner's tick does.
GRANT SELECT, INSERT, UPDATE ON tickets TO :"role";
GRANT SELECT, INSERT ON events, outbox TO :"role";
GRANT SELECT ON policies, esc_schema, esc_clock, esc_people, esc_signoff, occurrences TO :"role";
-- Being allowed to add messages is what makes a role the gateway.
GRANT SELECT, INSERT, UPDATE ON messages TO :"role";
GRANT SELECT, INSERT, UPDATE, DELETE ON undeliverable TO :"role";
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO :"role";
