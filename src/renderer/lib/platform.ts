/** The renderer's view of the OS, for labelling shortcuts. */
export const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
