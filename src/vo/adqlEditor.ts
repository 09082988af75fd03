/**
 * The ADQL editor: CodeMirror 6 with SQL highlighting extended by the ADQL keywords and functions, and
 * completion of the service's table and column names (VOSI). Loaded lazily by the service view.
 */
import { sql, SQLDialect, SQLNamespace } from '@codemirror/lang-sql';
import { EditorView } from '@codemirror/view';
import { createSQLEditorBase } from '../common/sqlEditor';

/** ADQL 2.1 reserved words and geometry/math functions on top of SQL-92. */
const ADQL_KEYWORDS =
  'select top distinct all from where group by having order asc desc offset limit as and or not ' +
  'in between like ilike is null join inner outer left right full natural on using union intersect ' +
  'except with case when then else end exists cast coalesce ' +
  'contains intersects point circle box polygon region area centroid distance coord1 coord2 ' +
  'coordsys coordsys lower upper count sum avg min max abs ceiling degrees exp floor log log10 mod ' +
  'pi power radians sqrt rand round truncate acos asin atan atan2 cos cot sin tan in_unit ' +
  'gavo_match ivo_hasword ivo_nocasematch ivo_hashlist_has ivo_string_agg ivo_interval_overlaps ' +
  'moc gavo_simbadpoint';

const ADQL_TYPES =
  'smallint integer bigint real double precision char varchar boolean timestamp point circle ' +
  'polygon region blob clob';

export const ADQLDialect = SQLDialect.define({
  keywords: ADQL_KEYWORDS,
  types: ADQL_TYPES,
  doubleQuotedStrings: false,
  identifierQuotes: '"',
  operatorChars: '*+-%<>!=&|/^~',
  caseInsensitiveIdentifiers: true
});

/** Tables -> their columns; columns may be empty until the table's detail has been fetched. */
export type ADQLSchema = Record<string, string[]>;

export interface IADQLEditor {
  readonly view: EditorView;
  getValue(): string;
  setValue(text: string): void;
  setSchema(schema: ADQLSchema, defaultTable?: string): void;
  /** Put the cursor at 1-based line/column (e.g. where the service says the error is) and focus. */
  focusAt(line: number, column: number): void;
  focus(): void;
  dispose(): void;
}

export interface IADQLEditorOptions {
  host: HTMLElement;
  doc?: string;
  label: string;
  placeholder?: string;
  /** Ctrl/Cmd-Enter. */
  onRun?: () => void;
  /** Shift-Ctrl/Cmd-Enter. */
  onSubmit?: () => void;
  onChange?: (text: string) => void;
}

function language(schema: ADQLSchema, defaultTable?: string) {
  // a table name maps to its column names (lang-sql splits dotted names into schema.table itself)
  const namespace: { [table: string]: SQLNamespace } = {};
  for (const [table, columns] of Object.entries(schema)) {
    namespace[table] = columns;
  }
  // lang-sql resolves the default table inside the default schema: "ivoa.obscore" -> ivoa, obscore
  const dot = defaultTable ? defaultTable.lastIndexOf('.') : -1;
  return sql({
    dialect: ADQLDialect,
    schema: namespace,
    defaultSchema: dot > 0 ? defaultTable!.slice(0, dot) : undefined,
    defaultTable: dot > 0 ? defaultTable!.slice(dot + 1) : defaultTable,
    upperCaseKeywords: true
  });
}

export function createADQLEditor(options: IADQLEditorOptions): IADQLEditor {
  const base = createSQLEditorBase({
    host: options.host,
    doc: options.doc,
    label: options.label,
    placeholder: options.placeholder,
    language: language({}),
    runKeys: [
      {
        key: 'Mod-Enter',
        run: () => {
          options.onRun?.();
          return true;
        }
      },
      {
        key: 'Shift-Mod-Enter',
        run: () => {
          options.onSubmit?.();
          return true;
        }
      }
    ],
    extensions: [
      EditorView.updateListener.of(update => {
        if (update.docChanged) {
          options.onChange?.(update.state.doc.toString());
        }
      })
    ]
  });
  const view = base.view;
  return {
    view,
    getValue: base.getValue,
    setValue: base.setValue,
    setSchema: (schema, defaultTable) =>
      base.setLanguage(language(schema, defaultTable)),
    focusAt: (line, column) => {
      const doc = view.state.doc;
      const l = doc.line(Math.max(1, Math.min(line, doc.lines)));
      const pos = Math.min(l.from + Math.max(0, column - 1), l.to);
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    },
    focus: base.focus,
    dispose: base.dispose
  };
}
