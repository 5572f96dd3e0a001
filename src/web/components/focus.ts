/** The id of the `<main>` element, the skip link's target. */
export const mainContentId = 'main-content';

/**
 * Moves keyboard and screen-reader focus to the page's heading (or to `<main>` when it has none), so that after a
 * client-side navigation the reader starts at the new page, as after a full page load.
 */
export function focusPageStart(): void {
  const main = document.getElementById(mainContentId);
  if (main === null) return;
  const target = main.querySelector<HTMLElement>('h1') ?? main;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
}
