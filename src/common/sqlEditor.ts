/**
 * The CodeMirror 6 base of the query editors (VO ADQL editor, basket SQL console): JupyterLab's theme and
 * highlighting, history, brackets, completion, line numbers, a placeholder and an ARIA label, and a language
 * that can be swapped (new schema for completion) without rebuilding the editor.
 */
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap
} from '@codemirror/autocomplete';
import {
  defaultKeymap,
  history,
  historyKeymap,
  indentWithTab
} from '@codemirror/commands';
import {
  bracketMatching,
  indentOnInput,
  syntaxHighlighting
} from '@codemirror/language';
import { Compartment, EditorState, Extension } from '@codemirror/state';
import {
  EditorView,
  highlightActiveLine,
  KeyBinding,
  keymap,
  lineNumbers,
  placeholder
} from '@codemirror/view';
import { jupyterHighlightStyle, jupyterTheme } from '@jupyterlab/codemirror';

export interface ISQLEditorBaseOptions {
  host: HTMLElement;
  doc?: string;
  label: string;
  placeholder?: string;
  /** The language at start (e.g. `sql({...})` with an empty schema). */
  language: Extension;
  /** Bindings ahead of everything else (run, submit). */
  runKeys: readonly KeyBinding[];
  /** Bindings ahead of the editing keys (bracket closing, defaults, history, completion, Tab indents). */
  editKeys?: readonly KeyBinding[];
  /** Added after the base extensions (e.g. an update listener). */
  extensions?: Extension[];
}

export interface ISQLEditorBase {
  readonly view: EditorView;
  getValue(): string;
  setValue(text: string): void;
  /** Replace the language given at start (e.g. with a new completion schema). */
  setLanguage(language: Extension): void;
  focus(): void;
  dispose(): void;
}

export function createSQLEditorBase(
  options: ISQLEditorBaseOptions
): ISQLEditorBase {
  const lang = new Compartment();
  const view = new EditorView({
    parent: options.host,
    state: EditorState.create({
      doc: options.doc ?? '',
      extensions: [
        keymap.of(options.runKeys),
        lineNumbers(),
        history(),
        bracketMatching(),
        closeBrackets(),
        indentOnInput(),
        highlightActiveLine(),
        autocompletion({ activateOnTyping: true }),
        keymap.of([
          ...(options.editKeys ?? []),
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...historyKeymap,
          ...completionKeymap,
          indentWithTab
        ]),
        lang.of(options.language),
        jupyterTheme,
        syntaxHighlighting(jupyterHighlightStyle),
        EditorView.lineWrapping,
        placeholder(options.placeholder ?? ''),
        EditorView.contentAttributes.of({
          'aria-label': options.label,
          'aria-multiline': 'true'
        }),
        ...(options.extensions ?? [])
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
    setLanguage: language =>
      view.dispatch({ effects: lang.reconfigure(language) }),
    focus: () => view.focus(),
    dispose: () => view.destroy()
  };
}
