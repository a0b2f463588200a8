// Which column types an append may put into a table's column of another type: the upload process
// refuses the others, and the upload dialog says so before anyone clicks Load. Plain JavaScript
// with no imports, so the process and the browser both load it.

/** Casts that change no value (an integer past 2^53 into a double aside). */
const WIDENING = new Set([
  "INTEGER>BIGINT",
  "BIGINT>DOUBLE",
  "INTEGER>DOUBLE",
  "DATE>TIMESTAMP",
  "BOOLEAN>VARCHAR",
]);

/**
 * Whether a file's column of DuckDB type `from` appends into a table's column of type `into`.
 * @param {string} from
 * @param {string} into
 * @returns {boolean}
 */
export const appendsAs = (from, into) =>
  from === into || into === "VARCHAR" || WIDENING.has(`${from}>${into}`);
