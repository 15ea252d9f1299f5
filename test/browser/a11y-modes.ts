// The conditions every accessibility suite runs its states in: as the page is, with
// forced colors (Windows' contrast themes) and at 200% zoom.
//
// Forced colors are emulated through Chromium's DevTools protocol (test/commands.mjs);
// Firefox and WebKit under their drivers cannot emulate them, so those tests skip there.
// Zoom is CSS `zoom: 2` on <html>, in every engine: the page lays out in half the
// width at twice the size, as 200% browser zoom does, and must not scroll sideways.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

export interface Mode {
  name: string;
  on: (test: Mocha.Context) => Promise<void>;
  off: () => Promise<void>;
  /** What the mode asks of an element beyond axe's rules. */
  check?: (element: Element) => void;
}

const modes: Mode[] = [
  { name: 'as the page is', on: async () => {}, off: async () => {} },
  {
    name: 'in forced colors',
    on: async (test) => {
      // Chromium only: puppeteer's Firefox (WebDriver BiDi) and WebKit's driver cannot emulate forced colors.
      if (!(await executeServerCommand('emulate-forced-colors', { active: true }))) test.skip();
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    },
    off: async () => {
      await executeServerCommand('emulate-forced-colors', { active: false });
    },
  },
  {
    name: 'at 200% zoom',
    on: async () => {
      document.documentElement.style.zoom = '2';
    },
    off: async () => {
      document.documentElement.style.zoom = '';
    },
    // Nothing scrolls sideways: text wraps within the half-as-wide page.
    check: (element) => {
      const root = document.documentElement;
      expect(root.scrollWidth, 'the page scrolls sideways').to.be.at.most(root.clientWidth);
      for (const node of element.shadowRoot!.querySelectorAll<HTMLElement>('[part]')) {
        // An inline box has no clientWidth to compare with (Firefox still gives it a scrollWidth); it wraps with the text around it.
        if (node.hidden || getComputedStyle(node).display === 'inline') continue;
        expect(node.scrollWidth, `part ${node.getAttribute('part')} is cut off`).to.be.at.most(node.clientWidth + 1);
      }
    },
  },
];

/** Declares `suite` once for each mode, in a describe named after it, with the mode on during each of its tests. */
export function inEachMode(suite: (mode: Mode) => void): void {
  for (const mode of modes) {
    describe(mode.name, () => {
      beforeEach(async function () {
        await mode.on(this);
      });
      afterEach(() => mode.off());
      suite(mode);
    });
  }
}

/** Expects `element` to pass axe's rules and what `mode` asks beyond them. */
export async function expectAccessible(element: Element, mode: Mode): Promise<void> {
  await expect(element).to.be.accessible();
  mode.check?.(element);
}
