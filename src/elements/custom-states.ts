/**
 * Custom states (`:state(signed-in)` in CSS) through ElementInternals, where the
 * browser has them; elsewhere, and in Node, setting one does nothing. It takes
 * the element's one ElementInternals, so a subclass cannot attach its own.
 */
export function customStates(element: HTMLElement): (name: string, on: boolean) => void {
  let states: CustomStateSet | undefined;
  try {
    states = element.attachInternals().states;
  } catch {
    // No ElementInternals here (an old engine, a DOM shim).
  }
  return (name, on) => {
    try {
      if (on) states?.add(name);
      else states?.delete(name);
    } catch {
      // An engine that only takes --dashed state names.
    }
  };
}
