/** Plays the customer on the sandbox's consent page over plain HTTP, as a browser form would. */
export type CustomerChoice = 'authorise' | 'cancel' | 'fail';

export async function openLink(linkUrl: string): Promise<{ status: number; html: string }> {
  const response = await fetch(linkUrl);
  return { status: response.status, html: await response.text() };
}

/** Opens the link, reads the form's action from the page, and submits the chosen button. */
export async function actAsCustomer(
  linkUrl: string,
  choice: CustomerChoice,
): Promise<{ status: number; html: string }> {
  const page = await openLink(linkUrl);
  const action = /<form[^>]*action="([^"]+)"/.exec(page.html)?.[1];
  if (page.status !== 200 || !action) throw new Error(`The consent page did not offer a form (HTTP ${page.status}).`);
  const target = new URL(action.replaceAll('&amp;', '&'), linkUrl);
  const response = await fetch(target, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action: choice }).toString(),
  });
  return { status: response.status, html: await response.text() };
}
