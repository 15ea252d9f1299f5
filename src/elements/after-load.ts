/**
 * Runs `callback` in a task after the window's `load` event, or in the next
 * task when it is past: an event fired then reaches listeners that any script
 * of the page added while it loaded.
 */
export function afterLoad(callback: () => void): void {
  if (document.readyState === 'complete') setTimeout(callback);
  else window.addEventListener('load', () => setTimeout(callback), { once: true });
}
