-- The arnorm extension: Arabic normalization (the ArabicNormalizer toolkit) inside PostgreSQL.
\echo Use "CREATE EXTENSION arnorm" to load this file. \quit

-- Functions: NULL in, NULL out; a bad preset, scheme or mode is an error naming what is accepted.
CREATE FUNCTION arnorm_normalize(text, preset text DEFAULT 'search') RETURNS text
    AS 'MODULE_PATHNAME', 'arnorm_normalize_pg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION arnorm_normalize(text, text) IS
    'normalized Arabic text; preset clean, standard or search (the default)';

CREATE FUNCTION arnorm_translit(text, scheme text) RETURNS text
    AS 'MODULE_PATHNAME', 'arnorm_translit_pg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION arnorm_translit(text, text) IS
    'transliteration: bw, safebw, xmlbw, hsb, ala-lc, din, ascii, names';

CREATE FUNCTION arnorm_numerals(text, mode text) RETURNS text
    AS 'MODULE_PATHNAME', 'arnorm_numerals_pg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION arnorm_numerals(text, text) IS
    'numerals: words-to-digits, digits-to-words, digits=western|arabic|persian and their options';

CREATE FUNCTION arnorm_version() RETURNS text
    AS 'MODULE_PATHNAME', 'arnorm_version_pg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- The text search dictionary template: options PRESET, STEPS ('elongation, -teh-marbuta'), OPTIONS.
CREATE FUNCTION arnorm_dict_init(internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
CREATE FUNCTION arnorm_dict_lexize(internal, internal, internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
CREATE TEXT SEARCH TEMPLATE arnorm (INIT = arnorm_dict_init, LEXIZE = arnorm_dict_lexize);
COMMENT ON TEXT SEARCH TEMPLATE arnorm IS 'normalizes each token with arnorm (options: preset, steps, options)';

CREATE TEXT SEARCH DICTIONARY arnorm (TEMPLATE = arnorm, PRESET = 'search');
COMMENT ON TEXT SEARCH DICTIONARY arnorm IS 'each token normalized with the search preset, passed on to the next dictionary';

-- The parser: the default parser on the text normalized with the clean preset, so words split on
-- purpose (خـ.ـسائر) reach the dictionaries whole.
CREATE FUNCTION arnorm_prs_start(internal, integer) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
CREATE TEXT SEARCH PARSER arnorm (
    START = arnorm_prs_start,
    GETTOKEN = pg_catalog.prsd_nexttoken,
    END = pg_catalog.prsd_end,
    HEADLINE = pg_catalog.prsd_headline,
    LEXTYPES = pg_catalog.prsd_lextype);
COMMENT ON TEXT SEARCH PARSER arnorm IS 'the default parser after arnorm''s clean preset (joins split words)';

-- arabic_arnorm: the mappings of pg_catalog.arabic, with the arnorm dictionary in front of the
-- Snowball Arabic stemmer, on the arnorm parser.
CREATE TEXT SEARCH CONFIGURATION arabic_arnorm (PARSER = arnorm);
COMMENT ON TEXT SEARCH CONFIGURATION arabic_arnorm IS
    'pg_catalog.arabic with every token the stemmer gets normalized by arnorm first';
DO $arnorm$
DECLARE
    m record;
BEGIN
    FOR m IN
        SELECT t.alias,
               string_agg(CASE WHEN d.oid = 'pg_catalog.arabic_stem'::regdictionary
                               THEN '@extschema@.arnorm, pg_catalog.arabic_stem'
                               ELSE format('%I.%I', n.nspname, d.dictname) END,
                          ', ' ORDER BY cm.mapseqno) AS dictionaries
        FROM pg_catalog.pg_ts_config_map cm
        JOIN pg_catalog.pg_ts_dict d ON d.oid = cm.mapdict
        JOIN pg_catalog.pg_namespace n ON n.oid = d.dictnamespace
        JOIN pg_catalog.ts_token_type('pg_catalog.default') t ON t.tokid = cm.maptokentype
        WHERE cm.mapcfg = 'pg_catalog.arabic'::regconfig
        GROUP BY t.alias
    LOOP
        EXECUTE format('ALTER TEXT SEARCH CONFIGURATION @extschema@.arabic_arnorm ADD MAPPING FOR %I WITH %s',
                       m.alias, m.dictionaries);
    END LOOP;
END
$arnorm$;
