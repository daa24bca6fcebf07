-- What an agent's database role may do on an esc queue: work tickets, and
-- nothing a manager does. Run as the queue's owner, in its database, with
-- psql: psql -v role=ann -f docs/postgres-agent.sql postgres://OWNER@HOST/DB
--
-- Agents add tickets, events and notifications and change tickets and the
-- outbox; they read the policy but may not apply one (a policy names the
-- delivery commands cron runs), and may not rewrite the log (`esc redact`).
-- Sign-off is checked by esc against the person the role acts as.
GRANT SELECT, INSERT, UPDATE ON tickets, outbox TO :"role";
GRANT SELECT, INSERT ON events TO :"role";
GRANT SELECT ON policies, esc_schema TO :"role";
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO :"role";
