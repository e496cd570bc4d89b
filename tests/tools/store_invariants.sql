-- The store's own invariants (docs/SCHEMA.md), one per line as
--   name <TAB> SQL returning the number of violations (0 = holds).
-- Portable SQL: run by tests/tools/store_check.c on SQLite and by
-- scripts/crash-test.sh through psql on PostgreSQL. Lines starting -- are comments.
-- No duplicates (the primary keys say so; checked in case an index is damaged).
dup_articles	SELECT count(*) - count(DISTINCT doc) FROM articles
dup_reports	SELECT count(*) FROM (SELECT doc, ord FROM reports GROUP BY doc, ord HAVING count(*) > 1) x
dup_events	SELECT count(*) - count(DISTINCT id) FROM events
dup_event_keys	SELECT count(*) - count(DISTINCT event_key) FROM events
dup_persons	SELECT count(*) - count(DISTINCT id) FROM persons
dup_orgs	SELECT count(*) - count(DISTINCT id) FROM organizations
-- Per-article rows hang off a stored article.
reports_without_article	SELECT count(*) FROM reports r WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.doc = r.doc)
report_sides_orphan	SELECT count(*) FROM report_sides x WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.doc = x.doc AND r.ord = x.ord)
report_actors_orphan	SELECT count(*) FROM report_actors x WHERE NOT EXISTS (SELECT 1 FROM report_sides r WHERE r.doc = x.doc AND r.ord = x.ord AND r.side = x.side)
report_titles_orphan	SELECT count(*) FROM report_actor_titles x WHERE NOT EXISTS (SELECT 1 FROM report_actors r WHERE r.doc = x.doc AND r.ord = x.ord AND r.side = x.side AND r.pos = x.pos)
article_persons_orphan	SELECT count(*) FROM article_persons x WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.doc = x.doc)
article_person_titles_orphan	SELECT count(*) FROM article_person_titles x WHERE NOT EXISTS (SELECT 1 FROM article_persons p WHERE p.doc = x.doc AND p.person_id = x.person_id)
article_orgs_orphan	SELECT count(*) FROM article_orgs x WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.doc = x.doc)
article_n_events	SELECT count(*) FROM articles a WHERE a.n_events <> (SELECT count(*) FROM reports r WHERE r.doc = a.doc)
-- Derived tables agree with the reports (recomputed in the batch's transaction).
report_event_missing	SELECT count(*) FROM reports r WHERE r.event_id IS NULL OR NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.event_id)
event_without_report	SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.event_id = e.id)
event_n_reports	SELECT count(*) FROM events e WHERE e.n_reports <> (SELECT count(*) FROM reports r WHERE r.event_id = e.id)
event_n_articles	SELECT count(*) FROM events e WHERE e.n_articles <> (SELECT count(DISTINCT r.doc) FROM reports r WHERE r.event_id = e.id)
event_n_sources	SELECT count(*) FROM events e WHERE e.n_sources <> (SELECT count(DISTINCT COALESCE(a.outlet, a.corpus, a.doc)) FROM reports r JOIN articles a ON a.doc = r.doc WHERE r.event_id = e.id)
event_rep_missing	SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.doc = e.rep_doc AND r.ord = e.rep_ord AND r.event_id = e.id)
event_article_missing	SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.doc = e.rep_doc)
event_pair_key	SELECT count(*) FROM reports r JOIN events e ON e.id = r.event_id WHERE e.pair_key <> r.pair_key
event_sides_orphan	SELECT count(*) FROM event_sides x WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = x.event_id)
event_actors_orphan	SELECT count(*) FROM event_actors x WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = x.event_id)
event_titles_orphan	SELECT count(*) FROM event_actor_titles x WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = x.event_id)
person_missing	SELECT count(*) FROM article_persons x WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = x.person_id)
person_without_article	SELECT count(*) FROM persons p WHERE NOT EXISTS (SELECT 1 FROM article_persons x WHERE x.person_id = p.id)
person_n_articles	SELECT count(*) FROM persons p WHERE p.n_articles <> (SELECT count(DISTINCT x.doc) FROM article_persons x WHERE x.person_id = p.id)
person_titles_orphan	SELECT count(*) FROM person_titles t WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = t.person_id)
-- Value counts (store.c, extend_person) equal the rows they count; stored spellings are their most frequent.
person_values_count	SELECT (SELECT count(*) FROM (SELECT person_id, field, value, n FROM person_values EXCEPT SELECT person_id, field, value, n FROM (SELECT person_id, 'name' AS field, name AS value, count(*) AS n FROM article_persons WHERE name IS NOT NULL GROUP BY person_id, name UNION ALL SELECT person_id, 'country', country, count(*) FROM article_persons WHERE country IS NOT NULL GROUP BY person_id, country UNION ALL SELECT person_id, 'org', org, count(*) FROM article_persons WHERE org IS NOT NULL GROUP BY person_id, org) y) a) + (SELECT count(*) FROM (SELECT person_id, field, value, n FROM (SELECT person_id, 'name' AS field, name AS value, count(*) AS n FROM article_persons WHERE name IS NOT NULL GROUP BY person_id, name UNION ALL SELECT person_id, 'country', country, count(*) FROM article_persons WHERE country IS NOT NULL GROUP BY person_id, country UNION ALL SELECT person_id, 'org', org, count(*) FROM article_persons WHERE org IS NOT NULL GROUP BY person_id, org) y EXCEPT SELECT person_id, field, value, n FROM person_values) b)
person_title_values_count	SELECT (SELECT count(*) FROM (SELECT person_id, title_key, title, n FROM person_title_values EXCEPT SELECT person_id, title_key, title, count(*) FROM article_person_titles WHERE title_key IS NOT NULL AND title_key <> '' AND title IS NOT NULL GROUP BY person_id, title_key, title) a) + (SELECT count(*) FROM (SELECT person_id, title_key, title, count(*) FROM article_person_titles WHERE title_key IS NOT NULL AND title_key <> '' AND title IS NOT NULL GROUP BY person_id, title_key, title EXCEPT SELECT person_id, title_key, title, n FROM person_title_values) b)
person_name_mode	SELECT count(*) FROM persons p WHERE p.name IS DISTINCT FROM (SELECT v.value FROM person_values v WHERE v.person_id = p.id AND v.field = 'name' ORDER BY v.n DESC, v.value LIMIT 1)
person_title_mode	SELECT count(*) FROM person_titles t WHERE t.title IS DISTINCT FROM (SELECT v.title FROM person_title_values v WHERE v.person_id = t.person_id AND v.title_key = t.title_key ORDER BY v.n DESC, v.title LIMIT 1)
org_missing	SELECT count(*) FROM article_orgs x WHERE NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = x.org_id)
org_without_article	SELECT count(*) FROM organizations o WHERE NOT EXISTS (SELECT 1 FROM article_orgs x WHERE x.org_id = o.id)
schema_version	SELECT count(*) - 1 FROM meta WHERE key = 'schema_version' AND value = '1'
