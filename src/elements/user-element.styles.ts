import { styleSheet } from './style-sheet.js';

// `[hidden] { display: none !important }`: a page's `::part(user) { display: flex }` must
// not show the view of another state. (Comments stay out of the CSS: it ships as written.)
export const userElementStyles = styleSheet(`
  :host {
    display: inline-block;
  }
  :host([hidden]) {
    display: none;
  }
  [hidden] {
    display: none !important;
  }
  [part='user'] {
    display: inline-flex;
    align-items: center;
    gap: var(--aniapi-user-gap, 0.5em);
  }
  [part='avatar'] {
    flex: none;
    width: var(--aniapi-user-avatar-size, 2em);
    height: var(--aniapi-user-avatar-size, 2em);
    border-radius: var(--aniapi-user-avatar-radius, 50%);
    object-fit: cover;
  }
  [role='status'] {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`);
