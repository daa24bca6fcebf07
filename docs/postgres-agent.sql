-- What an agent's database role may do on an esc queue: work tickets, and
-- nothing a manager does. Run as the queue's owner, in its database, with
-- psql: psql -v role=ann -f docs/postgres-agent.sql postgres://OWNER@HOST/DB
--
-- Agents add tickets and change them, append events and queue the
-- notifications those events ask for. The server checks each row they
-- write, whatever client they use (README, "Who is acting"): they act as
-- the person the policy maps the role to, at the server's clock, and a
-- ticket changes only with the event that changes it. They read the
-- policy but may not apply one (a policy names the delivery commands cron
-- runs), may not rewrite the log (`esc redact`) nor import, and do not
-- deliver: the owner's tick does, with the delivery secrets.
GRANT SELECT, INSERT, UPDATE ON tickets TO :"role";
GRANT SELECT, INSERT ON events, outbox TO :"role";
GRANT SELECT ON policies, esc_schema, esc_clock, esc_people, esc_signoff TO :"role";
-- Agents read customers' mail on their tickets; the mail gateway keeps it.
GRANT SELECT ON messages, occurrences TO :"role";
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO :"role";
