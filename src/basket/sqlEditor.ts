/**
 * The SQL editor of the workspace database console: the shared CodeMirror SQL editor with the PostgreSQL dialect
 * (the closest to DuckDB's) and completion of the workspace tables and columns. Loaded with the console only.
 */
import { closeCompletion } from '@codemirror/autocomplete';
import { PostgreSQL, sql, SQLNamespace } from '@codemirror/lang-sql';
import { EditorView } from '@codemirror/view';

import { createSQLEditorBase } from '../common/sqlEditor';

export interface ISQLEditor {
  readonly view: EditorView;
  getValue(): string;
  setValue(text: string): void;
  /** Table name -> column names, for completion. */
  setSchema(schema: Record<string, string[]>): void;
  focus(): void;
  dispose(): void;
}

function language(schema: Record<string, string[]>) {
  return sql({
    dialect: PostgreSQL,
    schema: schema as SQLNamespace,
    upperCaseKeywords: true
  });
}

export function createSQLEditor(options: {
  host: HTMLElement;
  doc?: string;
  label: string;
  placeholder?: string;
  /** Ctrl/Cmd-Enter. */
  onRun: () => void;
}): ISQLEditor {
  const base = createSQLEditorBase({
    host: options.host,
    doc: options.doc,
    label: options.label,
    placeholder: options.placeholder,
    language: language({}),
    runKeys: [
      {
        key: 'Mod-Enter',
        run: v => {
          closeCompletion(v);
          options.onRun();
          return true;
        }
      }
    ],
    // Escape leaves the editor (Tab indents): keyboard users are never trapped
    editKeys: [
      {
        key: 'Escape',
        run: v => {
          v.contentDOM.blur();
          return true;
        }
      }
    ]
  });
  return {
    view: base.view,
    getValue: base.getValue,
    setValue: base.setValue,
    setSchema: schema => base.setLanguage(language(schema)),
    focus: base.focus,
    dispose: base.dispose
  };
}
