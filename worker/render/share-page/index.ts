/**
 * The read-only case page behind a share link (`GET /s/:token`): the model
 * (./model.ts), the markup (./html.tsx with the card strings of ./cards.ts
 * and the sections of ./sections.tsx) and the stylesheet (./styles.ts).
 * Private notes cannot appear: evidence is turned into cards field by field
 * (see `toCard`).
 */
export { renderSharePage } from './html';
export { CSS, SHARE_PAGE_CSS } from './styles';
