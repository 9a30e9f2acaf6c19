// Syntax colours from the theme's variables, so the editor follows light and dark with the
// rest of the app instead of carrying a palette of its own.
import { HighlightStyle } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

export const yamlHighlight = HighlightStyle.define([
  { tag: [t.propertyName, t.definition(t.propertyName)], color: 'var(--hl-key)' },
  { tag: [t.string, t.special(t.string)], color: 'var(--hl-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--hl-literal)' },
  { tag: [t.comment, t.lineComment], color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [t.meta, t.labelName, t.typeName, t.punctuation, t.separator], color: 'var(--muted)' },
]);
