/**
 * The one CSV writer of the plugin's exports (run reports, asset metadata before delete, later
 * ones), on Papa Parse, which will also parse CSV imports.
 *
 * Cells hold user text (file names, titles, alt, notes, reasons), and a spreadsheet runs a cell
 * that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula. As OWASP
 * recommends ("CSV Injection"), such a cell is prefixed with a single quote and quoted, so a
 * spreadsheet shows it as text. Papa Parse's own `escapeFormulae: true` pattern needs the whole
 * cell on one line, so a multi-line cell would slip through: ours tests the first character only.
 * JSON exports are never escaped: they stay exact.
 */
import Papa from 'papaparse';

export const FORMULA_START = /^[=+\-@\t\r]/;

export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return (
    Papa.unparse(
      { fields: [...header], data: rows.map((r) => [...r]) },
      { escapeFormulae: FORMULA_START, newline: '\n', header: true },
    ) + '\n'
  );
}
