// How long the reader is to read through: the page height on a phone (360×740, device scale 2),
// how far down the first key-figure card is, and the pages it prints on A4, with its charts
// drawn and at the default font. `node bench/page-length.mjs [DIST]` (dist/ by default) prints
// one JSON line; issue 12's before/after figures come from it.
import { launch, serveDist, DIST } from '../tests/browser/lib.mjs';

const dir = process.argv[2] ? `${process.argv[2].replace(/\/$/, '')}/` : DIST;
const { server, base } = await serveDist({ dir });
const browser = await launch();
try {
  const ready = async (page) => {
    await page.goto(base);
    await page.locator('#main h2').first().waitFor();
    await page.waitForFunction(() => performance.getEntriesByName('fazhi:charts').length > 0);
  };
  const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await ready(phone);
  const measured = await phone.evaluate(() => {
    const card = document.querySelector('.card');
    return {
      phone_px: document.documentElement.scrollHeight,
      first_card_px: card ? Math.round(card.getBoundingClientRect().top + scrollY) : null,
    };
  });
  const desktop = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await ready(desktop);
  const pdf = (await desktop.pdf({ format: 'A4' })).toString('latin1');
  measured.print_pages = (pdf.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  console.log(JSON.stringify(measured));
} finally {
  await browser.close();
  server.close();
}
