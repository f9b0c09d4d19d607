// Takes the README's screenshot (docs/screenshot.png): the built reader (dist/) at 1280×800 in
// the light theme, at the top of the bundled report with its overview, charts drawn.
// `node scripts/screenshot.mjs` after a build.
import { launch, serveDist } from '../tests/browser/lib.mjs';

const { server, base } = await serveDist();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  await page.goto(base);
  await page.locator('#main h2').first().waitFor();
  await page.waitForFunction(() => performance.getEntriesByName('fazhi:charts').length > 0);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: new URL('../docs/screenshot.png', import.meta.url).pathname });
} finally {
  await browser.close();
  server.close();
}
