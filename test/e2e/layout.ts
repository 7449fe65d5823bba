/**
 * Checks of what a user sees in a narrow window: nothing cut off or spilling out of its box, and wide tables that
 * scroll sideways in a labelled region the keyboard can scroll, rather than being squeezed until their headers
 * break mid-word. Each returns the problems it found, in words, so that a failure says what is wrong where.
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * What is cut off inside `box` (a dialog, a menu, a page): a visible element that reaches past the nearest
 * ancestor that clips it without scrolling, or past `box` itself when nothing between clips it (it spills out,
 * over whatever is next to the box); `box` itself past the window's edges; and the page scrolling sideways.
 * `vertical: false` for a page, which scrolls up and down as a whole.
 */
export async function cutOffIn(box: Locator, { vertical = true } = {}): Promise<string[]> {
  return box.evaluate((root, checkVertical) => {
    const problems: string[] = [];
    const describe = (element: Element) => {
      const role = element.getAttribute('role') ?? element.tagName.toLowerCase();
      const name = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' ');
      return `${role} "${name.slice(0, 40)}"`;
    };
    const main = document.getElementById('main-content');
    if (main && main.scrollWidth > main.clientWidth + 1) {
      problems.push(`the page scrolls sideways (${main.scrollWidth} > ${main.clientWidth})`);
    }
    const rootRect = root.getBoundingClientRect();
    if (rootRect.left < -1 || rootRect.right > window.innerWidth + 1) {
      problems.push(`${describe(root)} reaches past the window's side (${rootRect.left}–${rootRect.right})`);
    }
    if (checkVertical && (rootRect.top < -1 || rootRect.bottom > window.innerHeight + 1)) {
      problems.push(`${describe(root)} reaches past the window's top or bottom (${rootRect.top}–${rootRect.bottom})`);
    }
    const clips = (element: Element) => getComputedStyle(element).overflowX !== 'visible';
    for (const element of Array.from(root.querySelectorAll('*'))) {
      const rect = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      // Unseen, or drawn for screen readers only (the 1 px clipped box of .visually-hidden).
      if (rect.width <= 1 || rect.height <= 1 || style.visibility === 'hidden' || style.clip !== 'auto') continue;
      if (element.closest('svg') !== null && element.tagName.toLowerCase() !== 'svg') continue;
      let clipper: Element = root;
      for (let up = element.parentElement; up && up !== root; up = up.parentElement) {
        if (clips(up)) {
          clipper = up;
          break;
        }
      }
      const clipStyle = getComputedStyle(clipper);
      // Inside a box that scrolls, the rest is reached by scrolling it.
      const scrollsX = ['auto', 'scroll'].includes(clipStyle.overflowX);
      const scrollsY = ['auto', 'scroll'].includes(clipStyle.overflowY);
      const edge = clipper.getBoundingClientRect();
      const past =
        (!scrollsX && (rect.left < edge.left - 1 || rect.right > edge.right + 1)) ||
        (checkVertical && !scrollsY && (rect.top < edge.top - 1 || rect.bottom > edge.bottom + 1));
      if (past) {
        const how = clipper === root && !clips(root) ? 'spills out of' : 'is cut off by';
        problems.push(`${describe(element)} ${how} ${describe(clipper)}`);
      }
    }
    return problems;
  }, vertical);
}

/**
 * A wide table in a narrow window: it fits its container, or its container scrolls sideways (overflow auto or
 * scroll, wider content than box) as a region with a name that takes a Tab stop; no header breaks a word over two
 * lines (a squeezed column); no cell's content is wider than the cell; and the page itself never scrolls sideways.
 */
export async function tableProblems(table: Locator): Promise<string[]> {
  return table.evaluate((element) => {
    const problems: string[] = [];
    const main = document.getElementById('main-content');
    if (main && main.scrollWidth > main.clientWidth + 1) {
      problems.push(`the page scrolls sideways (${main.scrollWidth} > ${main.clientWidth})`);
    }
    const container = element.parentElement;
    if (!container) return ['the table has no container'];
    const tableWidth = element.getBoundingClientRect().width;
    const fits = tableWidth <= container.clientWidth + 1 && element.scrollWidth <= container.clientWidth + 1;
    if (!fits) {
      const style = getComputedStyle(container);
      if (!['auto', 'scroll'].includes(style.overflowX)) {
        problems.push(
          `the table (${Math.round(tableWidth)} px) is wider than its container (${container.clientWidth} px), which does not scroll`,
        );
      } else if (container.scrollWidth <= container.clientWidth) {
        problems.push('the table is wider than its container, yet the container has nothing to scroll');
      }
      if (container.getAttribute('role') !== 'region' || !container.getAttribute('aria-label')) {
        problems.push('the table scrolls sideways in a box that is not a region with a name');
      }
      if (container.tabIndex < 0) problems.push('the table scrolls sideways in a box the keyboard cannot reach');
    }
    // A table that does not scroll in its own box pushes the boxes around it past their column instead (the card
    // into the page's margin, or under the window's edge): each box up to the page keeps within its parent.
    for (let box: HTMLElement = container; box.parentElement && box.parentElement !== main; box = box.parentElement) {
      const parent = box.parentElement;
      const style = getComputedStyle(parent);
      if (['auto', 'scroll'].includes(style.overflowX)) break;
      const inner = parent.getBoundingClientRect().left + parent.clientLeft;
      const left = inner + parseFloat(style.paddingLeft);
      const right = inner + parent.clientWidth - parseFloat(style.paddingRight);
      const edges = box.getBoundingClientRect();
      if (edges.left < left - 1 || edges.right > right + 1) {
        problems.push(
          `the table widens its ${box.tagName.toLowerCase()}.${box.className} past its ${parent.tagName.toLowerCase()}.${parent.className} (${Math.round(edges.left)}–${Math.round(edges.right)} outside ${Math.round(left)}–${Math.round(right)})`,
        );
        break;
      }
    }
    for (const cell of Array.from(element.querySelectorAll<HTMLElement>('th, td'))) {
      const label = `${cell.tagName} "${(cell.textContent ?? '').trim().slice(0, 30)}"`;
      if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`${label} is wider than its cell`);
    }
    // A squeezed column breaks its header's words: a word drawn on more than one line.
    for (const header of Array.from(element.querySelectorAll<HTMLElement>('thead th'))) {
      const walker = document.createTreeWalker(header, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of (node.textContent ?? '').matchAll(/[^\s\-–—/]+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const lines = new Set(
            Array.from(range.getClientRects())
              .filter((rect) => rect.width > 0)
              .map((rect) => Math.round(rect.top)),
          );
          if (lines.size > 1) problems.push(`the header "${header.textContent?.trim()}" breaks "${word[0]}"`);
        }
      }
    }
    return problems;
  });
}

/**
 * A table wider than its region: the region takes the keyboard, and → scrolls it sideways (the rest of the table
 * is reached without a mouse). A table that fits passes as it is.
 */
export async function expectKeyboardReachesAllColumns(page: Page, table: Locator) {
  const container = table.locator('xpath=..');
  const overflows = await container.evaluate((element) => element.scrollWidth > element.clientWidth + 1);
  if (!overflows) return;
  await container.focus();
  await expect(container).toBeFocused();
  await container.evaluate((element) => (element.scrollLeft = 0));
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => container.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
}
