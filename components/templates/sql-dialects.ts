import { PostgreSQL, SQLDialect } from "@codemirror/lang-sql";
import { EditorView } from "@uiw/react-codemirror";

/**
 * DuckDB's dialect for completion and highlighting: the words of reads (QueryFlow runs nothing
 * else), DuckDB's own among them (QUALIFY, EXCLUDE, PIVOT, ASOF, SAMPLE…), its types, and its common
 * functions. @codemirror/lang-sql ships no DuckDB dialect.
 */
const DuckDB = SQLDialect.define({
  keywords:
    "all and anti any as asc asof between both by case cast collate columns cross cube desc distinct else end escape except exclude exists false filter first following for from full glob group grouping having ilike in inner intersect interval is isnull join last lateral left like limit materialized natural not notnull null nulls offset on or order outer over partition pivot positional preceding qualify range recursive rename replace right rollup row rows sample select semi sets similar summarize table tablesample then ties true try_cast union unnest unpivot using values when where window with within",
  types:
    "bigint bit blob bool boolean date decimal double float hugeint int integer interval json list map numeric real smallint struct text time timestamp timestamptz tinyint ubigint uhugeint uinteger usmallint utinyint uuid varchar",
  builtin:
    "abs any_value approx_count_distinct arg_max arg_min avg ceil coalesce concat count current_date date_diff date_part date_trunc epoch first floor greatest last least length list list_value lower make_date max median min mode nullif quantile_cont regexp_matches regexp_replace round stddev strftime string_agg strptime struct_pack substr sum trim upper",
  doubleQuotedStrings: false,
});

/** The dialect of each kind of data source a SQL template can query. */
export const sqlDialects = { postgres: PostgreSQL, duckdb: DuckDB } as const;

/**
 * Completion icons as short words: CodeMirror's own are a box (□ for a column, ▢ for a schema) and
 * symbols (🔑, 𝑡, 𝑥) that many systems have no font for, so they render as boxes.
 */
export const completionIcons = EditorView.theme({
  ".cm-completionIcon": { width: "2.2em", fontSize: "65%", opacity: "0.75", paddingRight: ".4em" },
  ".cm-completionIcon-keyword:after": { content: "'kw'" },
  ".cm-completionIcon-class:after": { content: "'table'" },
  ".cm-completionIcon-property:after": { content: "'col'" },
  ".cm-completionIcon-type:after": { content: "'type'" },
  ".cm-completionIcon-variable:after": { content: "'fn'" },
  ".cm-completionIcon-constant:after": { content: "'alias'" },
  ".cm-completionIcon-namespace:after": { content: "'schema'" },
});
