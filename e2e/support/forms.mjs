// What every journey does with a page: send a form by its button and wait
// for the answer (a plain navigation with JavaScript off, the same with it
// on), and read the main region's text as a person sees it.

export async function submit(page, name) {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
}

export async function mainText(page) {
  return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
}
