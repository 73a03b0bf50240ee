-- Tests of the PostgreSQL extension, run by scripts/test-postgresql.sh against a real server:
--   psql -v corpus=FILE -f test.sql
-- Each check is a row in results; the script fails when any check is false.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
\o /dev/null
CREATE EXTENSION arnorm;
CREATE TEMP TABLE results(n serial, ok boolean, what text);
CREATE FUNCTION pg_temp.check(ok boolean, what text) RETURNS void LANGUAGE sql AS
    $$ INSERT INTO results(ok, what) VALUES (coalesce(ok, false), what) $$;
-- the error message of a statement, or NULL when it succeeds
CREATE FUNCTION pg_temp.error_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE statement;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLERRM;
END $$;

-- Functions ------------------------------------------------------------------------------------
SELECT pg_temp.check(arnorm_normalize('خـ.ـسائر فـ.ـادحة في إدلب') = 'خساير فادحه في ادلب', 'arnorm_normalize, default preset search');
SELECT pg_temp.check(arnorm_normalize('خـ.ـسائر فـ.ـادحة في إدلب', 'standard') = 'خسائر فادحة في ادلب', 'arnorm_normalize, preset standard');
SELECT pg_temp.check(arnorm_normalize('خَسائر', preset => 'clean') = 'خَسائر', 'arnorm_normalize, preset clean (named argument)');
SELECT pg_temp.check(arnorm_translit('كتاب', 'bw') = 'ktAb', 'arnorm_translit bw');
SELECT pg_temp.check(arnorm_numerals('خمسمئة وثلاث وعشرون', 'words-to-digits') = '523', 'arnorm_numerals words-to-digits');
SELECT pg_temp.check(arnorm_numerals('١٢٣', 'digits=western') = '123', 'arnorm_numerals digits=western');
SELECT pg_temp.check(arnorm_normalize(NULL) IS NULL AND arnorm_normalize('x', NULL) IS NULL
                     AND arnorm_translit(NULL, 'bw') IS NULL AND arnorm_numerals(NULL, 'words-to-digits') IS NULL,
                     'NULL in, NULL out');
SELECT pg_temp.check(arnorm_normalize('') = '', 'empty text');
SELECT pg_temp.check(pg_temp.error_of($$SELECT arnorm_normalize('x', 'nosuch')$$) LIKE 'arnorm_normalize: unknown preset ''nosuch''%',
                     'a bad preset is an error: ' || pg_temp.error_of($$SELECT arnorm_normalize('x', 'nosuch')$$));
SELECT pg_temp.check(pg_temp.error_of($$SELECT arnorm_translit('x', 'nosuch')$$) LIKE 'arnorm_translit: %nosuch%',
                     'a bad scheme is an error: ' || pg_temp.error_of($$SELECT arnorm_translit('x', 'nosuch')$$));
SELECT pg_temp.check(pg_temp.error_of($$SELECT arnorm_numerals('x', 'nosuch')$$) LIKE 'arnorm_numerals: %nosuch%',
                     'a bad mode is an error: ' || pg_temp.error_of($$SELECT arnorm_numerals('x', 'nosuch')$$));
SELECT pg_temp.check(arnorm_normalize('بعد الخطأ') = 'بعد الخطا', 'the connection goes on after an error');
SELECT pg_temp.check(bool_and(provolatile = 'i' AND proparallel = 's' AND proisstrict), 'IMMUTABLE, PARALLEL SAFE, STRICT')
FROM pg_proc WHERE proname IN ('arnorm_normalize', 'arnorm_translit', 'arnorm_numerals');

-- The corpus: every line of Corpora/news and every clause of it -------------------------------------
CREATE TABLE lines(body text);
COPY lines(body) FROM :'corpus' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02');
CREATE TABLE docs(id serial PRIMARY KEY, body text);
INSERT INTO docs(body) SELECT body FROM lines WHERE body <> '';
INSERT INTO docs(body)
    SELECT btrim(part) FROM lines, regexp_split_to_table(body, '[،.؟!]\s+') AS part WHERE btrim(part) <> '';
-- spellings the stock configuration does not bring together
INSERT INTO docs(body) VALUES ('مرحباااا بكم'), ('کتاب جدید'), ('تكبّدت خـ.ـسائر'), (NULL);
SELECT pg_temp.check(count(*) >= 200, 'indexed ' || count(*) || ' rows') FROM docs;

-- Functional indexes
CREATE INDEX docs_norm ON docs (arnorm_normalize(body));
CREATE INDEX docs_fts ON docs USING gin (to_tsvector('arabic_arnorm', body));
ANALYZE docs;
SET enable_seqscan = off;
CREATE FUNCTION pg_temp.plan_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN ' || query LOOP plan := plan || line || E'\n'; END LOOP;
    RETURN plan;
END $$;
SELECT pg_temp.check(pg_temp.plan_of($$SELECT id FROM docs WHERE arnorm_normalize(body) = arnorm_normalize('إدلب')$$) LIKE '%docs_norm%',
                     'an index on arnorm_normalize(body) is used');
SELECT pg_temp.check(pg_temp.plan_of($$SELECT id FROM docs WHERE to_tsvector('arabic_arnorm', body) @@ to_tsquery('arabic_arnorm', 'خسائر')$$) LIKE '%docs_fts%',
                     'a GIN index on to_tsvector(''arabic_arnorm'', body) is used');
CREATE TEMP TABLE by_index AS
    SELECT w, array_agg(id ORDER BY id) AS ids
    FROM unnest(ARRAY['خسائر', 'معارك', 'قصف', 'فادحة', 'إدلب', 'الأسد', 'قوات', 'مرحبا', 'كتاب']) AS w
    JOIN docs ON to_tsvector('arabic_arnorm', body) @@ plainto_tsquery('arabic_arnorm', w) GROUP BY w;
RESET enable_seqscan;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
SELECT pg_temp.check(bool_and(i.ids = s.ids) AND count(*) = 9, 'the GIN index and a sequential scan find the same rows for 9 words')
FROM by_index i
JOIN (SELECT w, array_agg(id ORDER BY id) AS ids
      FROM unnest(ARRAY['خسائر', 'معارك', 'قصف', 'فادحة', 'إدلب', 'الأسد', 'قوات', 'مرحبا', 'كتاب']) AS w
      JOIN docs ON to_tsvector('arabic_arnorm', body) @@ plainto_tsquery('arabic_arnorm', w) GROUP BY w) s USING (w);
RESET enable_indexscan;
RESET enable_bitmapscan;

-- Matches across split words, diacritics and letter variants ---------------------------------------
CREATE FUNCTION pg_temp.hits(config regconfig, query text) RETURNS int[] LANGUAGE sql AS
    $$ SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM docs WHERE to_tsvector(config, body) @@ to_tsquery(config, query) $$;
CREATE FUNCTION pg_temp.has(config regconfig, body text, query text) RETURNS boolean LANGUAGE sql AS
    $$ SELECT to_tsvector(config, body) @@ to_tsquery(config, query) $$;
SELECT pg_temp.check(pg_temp.has('arabic_arnorm', w.doc, w.q) AND NOT pg_temp.has('arabic', w.doc, w.q),
                     format('%s matches %s with arabic_arnorm, not with arabic', w.q, w.doc))
FROM (VALUES ('خـ.ـسائر فـ.ـادحة', 'خسائر'), ('قصـ.ـف', 'قصف'), ('معـ.ـارك', 'معارك'),
             ('مرحباااا', 'مرحبا'), ('کتاب', 'كتاب'), ('جدید', 'جديد'),
             ('خسائر', 'خـ.ـسائر')) AS w(doc, q);
SELECT pg_temp.check(pg_temp.has('arabic_arnorm', 'تَكَبَّدَتْ خَسَائِرَ فَادِحَةً', 'خسائر & فادحة'),
                     'diacritics: خَسَائِرَ فَادِحَةً matches خسائر & فادحة');
SELECT pg_temp.check(pg_temp.has('arabic_arnorm', 'خـ.ـسائر فـ.ـادحة', 'خسائر <-> فادحة'),
                     'a phrase query across two split words');
SELECT pg_temp.check(cardinality(pg_temp.hits('arabic_arnorm', 'خسائر')) > cardinality(pg_temp.hits('arabic', 'خسائر')),
                     format('the corpus: خسائر is in %s rows with arabic_arnorm, %s with arabic',
                            cardinality(pg_temp.hits('arabic_arnorm', 'خسائر')), cardinality(pg_temp.hits('arabic', 'خسائر'))));
SELECT pg_temp.check(pg_temp.hits('arabic_arnorm', w) = pg_temp.hits('arabic_arnorm', 'خسائر'), 'the query ' || w || ' finds the rows of خسائر')
FROM unnest(ARRAY['خَسائر', 'خـ.ـسائر', 'خسـ.ـائر', 'خسائـــر']) AS w;
SELECT pg_temp.check(pg_temp.hits('arabic_arnorm', 'معارك') @> pg_temp.hits('arabic', 'معارك')
                     AND pg_temp.hits('arabic_arnorm', 'قصف') @> pg_temp.hits('arabic', 'قصف'),
                     'arabic_arnorm finds every row arabic finds for معارك and قصف');
SELECT pg_temp.check(ts_headline('arabic_arnorm', 'تكبدت خـ.ـسائر فادحة', to_tsquery('arabic_arnorm', 'خسائر')) = 'تكبدت <b>خسائر</b> فادحة',
                     'ts_headline marks the joined word');

-- The dictionary template ------------------------------------------------------------------------
CREATE TEXT SEARCH DICTIONARY arnorm_standard (TEMPLATE = arnorm, PRESET = 'standard', STEPS = '-alef-maksura, elongation');
SELECT pg_temp.check(ts_lexize('arnorm_standard', 'إدلب') = '{ادلب}' AND ts_lexize('arnorm_standard', 'على') IS NULL
                     AND ts_lexize('arnorm_standard', 'مرحباااا') = '{مرحبا}' AND ts_lexize('arnorm_standard', 'فادحة') IS NULL,
                     'a dictionary with PRESET and STEPS: إدلب → ادلب, على and فادحة unchanged, elongation on');
SELECT pg_temp.check(ts_lexize('arnorm', 'ـَ') = '{}', 'a token of tatweel and marks only gives no lexeme');
SELECT pg_temp.check(pg_temp.error_of($$CREATE TEXT SEARCH DICTIONARY bad1 (TEMPLATE = arnorm, PRESET = 'nosuch')$$) LIKE '%unknown preset%',
                     'a bad PRESET is an error');
SELECT pg_temp.check(pg_temp.error_of($$CREATE TEXT SEARCH DICTIONARY bad2 (TEMPLATE = arnorm, STEPS = 'nosuchstep')$$) LIKE '%nosuchstep%',
                     'a bad step is an error');
SELECT pg_temp.check(pg_temp.error_of($$CREATE TEXT SEARCH DICTIONARY bad3 (TEMPLATE = arnorm, COLOR = 'red')$$) LIKE '%unknown option "color"%',
                     'an unknown option is an error');
CREATE TEXT SEARCH CONFIGURATION my_arabic (COPY = arabic);
ALTER TEXT SEARCH CONFIGURATION my_arabic ALTER MAPPING FOR word WITH arnorm_standard, arabic_stem;
SELECT pg_temp.check(to_tsvector('my_arabic', 'إِدْلِب') @@ to_tsquery('my_arabic', 'ادلب'), 'a configuration of ones own from the template');

-- A parallel query ---------------------------------------------------------------------------------
CREATE TABLE big AS SELECT d.body FROM docs d, generate_series(1, 40);
ANALYZE big;
SELECT count(*) AS serial_count FROM big WHERE to_tsvector('arabic_arnorm', body) @@ to_tsquery('arabic_arnorm', 'خسائر') \gset
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
CREATE FUNCTION pg_temp.analyze_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF) ' || query LOOP plan := plan || line || E'\n'; END LOOP;
    RETURN plan;
END $$;
SELECT pg_temp.check(pg_temp.analyze_of($$SELECT count(*) FROM big WHERE to_tsvector('arabic_arnorm', body) @@ to_tsquery('arabic_arnorm', 'خسائر')$$)
                     ~ 'Workers Launched: [1-9]', 'the query runs in parallel workers');
SELECT pg_temp.check(count(*) = :serial_count AND count(*) > 0, 'a parallel query counts ' || count(*) || ' rows, as the serial one (' || :serial_count || ')')
FROM big WHERE to_tsvector('arabic_arnorm', body) @@ to_tsquery('arabic_arnorm', 'خسائر');
SELECT pg_temp.check(count(DISTINCT arnorm_normalize(body)) = (SELECT count(DISTINCT arnorm_normalize(body)) FROM docs),
                     'arnorm_normalize in parallel workers')
FROM big;

-- Report
\o
SELECT CASE WHEN ok THEN 'ok - ' ELSE 'NOT OK - ' END || what FROM results ORDER BY n;
SELECT count(*) FILTER (WHERE NOT ok) AS failed, count(*) AS checks FROM results \gset
\echo :checks checks, :failed failed
SELECT (:failed = 0) AS all_passed \gset
\if :all_passed
\else
DO $$ BEGIN RAISE EXCEPTION 'some checks failed'; END $$;
\endif
