/**
 * The one slug function: every id Casebook makes from a name (a competency id
 * from its name, an imported ladder's id) goes through {@link slugify}.
 *
 * Pure: no DOM, no Workers APIs; never throws.
 */

/**
 * `text` as a lower-case slug of at most `maxLength` characters: accents are
 * removed before anything else (`Crème Brûlée L5` -> `creme-brulee-l5`, not
 * `cre-me-bru-le-e-l5`), every run of characters other than `a-z` and `0-9`
 * becomes one `-`, and no dash is left at either end (also after cutting to
 * `maxLength`). Text with no Latin letter or digit (`日本語`) gives `''`.
 */
export function slugify(text: string, maxLength = 63): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}
