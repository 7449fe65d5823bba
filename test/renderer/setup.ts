/** Renderer tests run in jsdom: unmount after each test, and give <dialog> the modal behaviour jsdom lacks. */
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(cleanup);

// findBy…/waitFor wait for a state, not for a time: their default gives up after 1 s, which a lazily loaded chunk (the
// Link completion chart) can take on a busy 2-core machine. Wait up to most of the test's own 15 s bound instead.
configure({ asyncUtilTimeout: 10_000 });

/** Dialogs opened with showModal(), the topmost last: Escape is theirs, as in a browser. */
const modalDialogs: HTMLDialogElement[] = [];

if (typeof HTMLDialogElement.prototype.showModal !== 'function') {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
    modalDialogs.push(this);
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
    const index = modalDialogs.indexOf(this);
    if (index !== -1) modalDialogs.splice(index, 1);
  };
  // A browser answers an Escape that nothing handled by firing `cancel` at the topmost modal dialog, and closes
  // it unless `cancel` is prevented.
  document.addEventListener('keydown', (event) => {
    const dialog = modalDialogs.at(-1);
    if (event.key !== 'Escape' || event.defaultPrevented || !dialog) return;
    if (dialog.dispatchEvent(new Event('cancel', { cancelable: true }))) dialog.close();
  });
}
