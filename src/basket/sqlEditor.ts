/**
 * The SQL editor of the workspace database console: CodeMirror 6 with the PostgreSQL dialect (the closest
 * to DuckDB's) and completion of the workspace tables and columns. Loaded with the console only.
 */
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  closeCompletion,
  completionKeymap
} from '@codemirror/autocomplete';
import {
  defaultKeymap,
  history,
  historyKeymap,
  indentWithTab
} from '@codemirror/commands';
import { PostgreSQL, sql, SQLNamespace } from '@codemirror/lang-sql';
import {
  bracketMatching,
  indentOnInput,
  syntaxHighlighting
} from '@codemirror/language';
import { Compartment, EditorState } from '@codemirror/state';
import {
  EditorView,
  highlightActiveLine,
  keymap,
  lineNumbers,
  placeholder
} from '@codemirror/view';
import { jupyterHighlightStyle, jupyterTheme } from '@jupyterlab/codemirror';

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
  const lang = new Compartment();
  const view = new EditorView({
    parent: options.host,
    state: EditorState.create({
      doc: options.doc ?? '',
      extensions: [
        keymap.of([
          {
            key: 'Mod-Enter',
            run: v => {
              closeCompletion(v);
              options.onRun();
              return true;
            }
          }
        ]),
        lineNumbers(),
        history(),
        bracketMatching(),
        closeBrackets(),
        indentOnInput(),
        highlightActiveLine(),
        autocompletion({ activateOnTyping: true }),
        // Escape leaves the editor (Tab indents): keyboard users are never trapped
        keymap.of([
          {
            key: 'Escape',
            run: v => {
              v.contentDOM.blur();
              return true;
            }
          },
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...historyKeymap,
          ...completionKeymap,
          indentWithTab
        ]),
        lang.of(language({})),
        jupyterTheme,
        syntaxHighlighting(jupyterHighlightStyle),
        EditorView.lineWrapping,
        placeholder(options.placeholder ?? ''),
        EditorView.contentAttributes.of({
          'aria-label': options.label,
          'aria-multiline': 'true'
        })
      ]
    })
  });
  return {
    view,
    getValue: () => view.state.doc.toString(),
    setValue: text =>
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text }
      }),
    setSchema: schema =>
      view.dispatch({ effects: lang.reconfigure(language(schema)) }),
    focus: () => view.focus(),
    dispose: () => view.destroy()
  };
}
