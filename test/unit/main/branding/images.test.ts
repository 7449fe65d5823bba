/**
 * What may enter the branding cache: the real type from the bytes, a size bound, and SVGs made safe. The
 * sanitised SVG is parsed again as XML, as a browser would parse an image file, to check what is left. SVGs of
 * absurd shape are refused before anything parses them; the rest are sanitised in a worker thread, whose time
 * and memory limits refuse what gets past the shape check, while main goes on answering.
 */
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { createMainServices } from '@main/composition';
import {
  checkImage,
  createSvgSanitiser,
  maxImageBytes,
  maxSvgDepth,
  maxSvgElements,
  sanitiseSvg,
  sniffImageKind,
  svgShapeProblem,
  type SvgSanitiser,
} from '@main/branding/images';
import { lettermarkSvg } from '@sandbox/lettermark';
import { testPorts } from '@support/ports';

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

function parseSvg(text: string) {
  const document = new JSDOM(text, { contentType: 'image/svg+xml' }).window.document;
  expect(document.querySelector('parsererror')).toBeNull();
  return document;
}

const hostile = `<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY boom "boom">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 40 40" onload="fetch('https://evil.example/onload')">
  <style>@import url(https://evil.example/a.css); .brand{fill:url(https://evil.example/p.png)} .safe{fill:#123456}</style>
  <script>fetch('https://evil.example/script')</script>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/></linearGradient></defs>
  <image xlink:href="https://evil.example/pixel.png" width="1" height="1"/>
  <image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" width="1" height="1"/>
  <a href="javascript:alert(1)"><rect class="safe" width="10" height="10" fill="url(#g)"/></a>
  <rect width="5" height="5" style="fill:url('https://evil.example/style')" filter="url(https://evil.example/f)"/>
  <rect width="6" height="6" style="fill: u\\72l(https://evil.example/escaped)"/>
  <set attributeName="href" to="javascript:alert(2)"/>
  <animate attributeName="href" values="javascript:alert(3)"/>
  <foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/frame"></iframe></foreignObject>
  <circle cx="20" cy="20" r="8" onclick="alert(4)" fill="#0a0"/>
</svg>`;

describe('sniffImageKind', () => {
  it('knows PNG, JPEG, GIF, WebP and SVG by their bytes, whatever they are called', () => {
    expect(sniffImageKind(png)).toBe('png');
    expect(sniffImageKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('jpg');
    expect(sniffImageKind(Buffer.from('GIF89a\x01\x00', 'latin1'))).toBe('gif');
    expect(sniffImageKind(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('webp');
    expect(sniffImageKind(Buffer.from('\uFEFF<?xml version="1.0"?>\n<!-- logo -->\n<svg viewBox="0 0 1 1"/>'))).toBe(
      'svg',
    );
    expect(sniffImageKind(Buffer.from('<!doctype html><html><svg></svg></html>'))).toBeNull();
    expect(sniffImageKind(Buffer.from('{"not":"an image"}'))).toBeNull();
  });
});

describe('checkImage', () => {
  it('accepts a raster image as it is', async () => {
    expect(await checkImage(png, 'image/png')).toEqual({ ok: true, kind: 'png', bytes: png });
  });

  it('refuses empty, oversized, mislabelled-as-page and unknown files with a reason', async () => {
    expect(await checkImage(Buffer.alloc(0), 'image/png')).toEqual({ ok: false, problem: 'the image is empty' });
    const huge = Buffer.concat([png, Buffer.alloc(maxImageBytes)]);
    expect(await checkImage(huge, 'image/png')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('over the 512 KB limit'),
    });
    expect(await checkImage(png, 'text/html')).toEqual({
      ok: false,
      problem: 'the server sent text/html, not an image',
    });
    expect(await checkImage(Buffer.from('hello'), 'image/png')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('not a PNG'),
    });
  });

  it('goes by the bytes, not the label: a PNG sent as octet-stream is a PNG', async () => {
    expect(await checkImage(png, 'application/octet-stream')).toMatchObject({ ok: true, kind: 'png' });
  });

  it('replaces an SVG with its sanitised copy', async () => {
    const checked = await checkImage(Buffer.from(hostile), 'image/svg+xml');
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.bytes.toString()).not.toContain('evil.example');
  });
});

describe('sanitiseSvg', () => {
  it('neutralises a hostile SVG: no script, handlers, remote references, remote CSS, animation or foreign content', async () => {
    const clean = (await sanitiseSvg(hostile))!;
    expect(clean).not.toBeNull();
    expect(clean).not.toMatch(
      /evil\.example|javascript:|<script|onload|onclick|foreignObject|iframe|@import|<set|<animate/i,
    );
    expect(clean).not.toContain('data:image/svg+xml');
    const document = parseSvg(clean);
    // What was safe is still drawn: the local gradient reference, the safe class, the circle.
    expect(document.querySelector('linearGradient#g')).not.toBeNull();
    expect(document.querySelector('rect.safe')?.getAttribute('fill')).toBe('url(#g)');
    expect(document.querySelector('circle')?.getAttribute('fill')).toBe('#0a0');
    expect(document.querySelectorAll('style')).toHaveLength(1);
    expect(document.querySelector('style')!.textContent).toBe('');
  });

  it('takes out the animation DOMPurify itself would keep: animateTransform and animateMotion', async () => {
    const clean = await sanitiseSvg(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><rect width="1" height="1">' +
        '<animateTransform attributeName="transform" type="scale" to="9"/><animateMotion path="M0 0L9 9"/></rect></svg>',
    );
    const document = parseSvg(clean!);
    expect(document.querySelector('rect')).not.toBeNull();
    expect(clean).not.toMatch(/<animate/i);
  });

  it('empties a <style> whose CSS spells url() with an escape, which a browser would read as url()', async () => {
    const clean = await sanitiseSvg(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><style>.x{fill:u\\72l(https://evil.example/escaped)}</style>' +
        '<rect class="x" width="9" height="9"/></svg>',
    );
    expect(clean).not.toContain('evil.example');
    expect(parseSvg(clean!).querySelector('style')!.textContent).toBe('');
  });

  it('keeps an ordinary logo whole: shapes, text, title, viewBox and self-contained styles', async () => {
    const logo = lettermarkSvg({ key: 'qhyg', name: 'QuickBooks Online', variant: 'full' });
    const clean = (await sanitiseSvg(logo))!;
    const document = parseSvg(clean);
    const svg = document.documentElement;
    expect(svg.getAttribute('viewBox')).toBe(
      new JSDOM(logo, { contentType: 'image/svg+xml' }).window.document.documentElement.getAttribute('viewBox'),
    );
    expect(document.querySelector('title')?.textContent).toBe('QuickBooks Online');
    expect(Array.from(document.querySelectorAll('text'), (text) => text.textContent)).toEqual([
      'QO',
      'QuickBooks Online',
    ]);
    expect(document.querySelectorAll('rect').length).toBe(2);

    const styled = await sanitiseSvg(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><style>.a{fill:#e00}</style><rect class="a" width="2" height="2"/></svg>',
    );
    expect(parseSvg(styled!).querySelector('style')!.textContent).toBe('.a{fill:#e00}');
  });

  it('keeps an embedded raster image (common in exported logos), never an embedded SVG', async () => {
    const dataPng = `data:image/png;base64,${png.toString('base64')}`;
    const clean = await sanitiseSvg(
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1 1"><image width="1" height="1" xlink:href="${dataPng}"/></svg>`,
    );
    const image = parseSvg(clean!).querySelector('image')!;
    expect(image.getAttribute('xlink:href') ?? image.getAttribute('href')).toBe(dataPng);
  });

  it('refuses what is not one SVG with something to draw', async () => {
    expect(await sanitiseSvg('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')).toBeNull();
    expect(await sanitiseSvg('<html><body><p>hi</p></body></html>')).toBeNull();
    expect(await sanitiseSvg('<math><mi>x</mi></math>')).toBeNull();
  });
});

const svgStart = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">';
const asSvg = (text: string) => Buffer.from(text, 'utf8');
/** An SVG whose elements nest `depth` deep (groups around one rectangle). */
const nested = (depth: number) =>
  `${svgStart}${'<g>'.repeat(depth - 1)}<rect width="1" height="1"/>${'</g>'.repeat(depth - 1)}</svg>`;
/** An SVG of `count` elements, side by side. */
const elements = (count: number) => `${svgStart}${'<rect width="1" height="1"/>'.repeat(count - 1)}</svg>`;

/**
 * Shapes the shape check reads as harmless but an HTML parser (DOMPurify parses as HTML) does not: `<div/>` is not
 * self-closing in HTML, so these divs nest; misnested formatting elements are re-opened again and again; and
 * thousands of unknown attributes are removed one at a time. Each takes 5 s or more in jsdom.
 */
const slowToSanitise = {
  nestedDivs: `${svgStart}<rect width="1" height="1"/>${'<div/>'.repeat(4_000)}</svg>`,
  formatting: `${svgStart}<rect width="1" height="1"/>${'<b/><i/><u/><s/>'.repeat(1_000)}</svg>`,
  attributes: `${svgStart}<rect ${Array.from({ length: 30_000 }, (_, n) => `x${n}=""`).join(' ')}/></svg>`,
};

/** Built like an exported logo: prolog, comments, doctype, defs, clip paths, layers of groups, 1 500 paths. */
function exportedLogo() {
  const layer = (n: number) =>
    `<g id="layer${n}"><g clip-path="url(#clip)"><g transform="translate(${n} 0)">${Array.from(
      { length: 100 },
      (_, m) => `<path class="st0" d="M${m} 0h2v2h-2z" fill="url(#brand)"/>`,
    ).join('')}</g></g></g>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg version="1.1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 20">
<style type="text/css">.st0{fill-rule:evenodd}</style>
<defs><linearGradient id="brand"><stop offset="0" stop-color="#13b5ea"/><stop offset="1" stop-color="#0d7fa6"/></linearGradient>
<clipPath id="clip"><rect width="200" height="20"/></clipPath></defs>
<g id="logo"><g id="mark"><g id="shapes">${Array.from({ length: 15 }, (_, n) => layer(n)).join('\n')}</g></g></g>
</svg>`;
}

describe('the shape limits, checked before anything parses an SVG', () => {
  it(`lets an SVG nest ${maxSvgDepth} elements deep and refuses one level more`, async () => {
    expect(svgShapeProblem(nested(maxSvgDepth))).toBeNull();
    expect(await checkImage(asSvg(nested(maxSvgDepth)), 'image/svg+xml')).toMatchObject({ ok: true, kind: 'svg' });
    expect(await checkImage(asSvg(nested(maxSvgDepth + 1)), 'image/svg+xml')).toEqual({
      ok: false,
      problem: 'the SVG nests elements more than 100 deep',
    });
    // The file from the report: 2 000 nested groups, 14 KB, about 2 s of sanitising. Now refused at once.
    expect(await checkImage(asSvg(nested(2_000)), 'image/svg+xml')).toMatchObject({ ok: false });
  });

  it(`lets an SVG have ${maxSvgElements} elements and refuses one more`, async () => {
    expect(svgShapeProblem(elements(maxSvgElements))).toBeNull();
    expect(await checkImage(asSvg(elements(maxSvgElements + 1)), 'image/svg+xml')).toEqual({
      ok: false,
      problem: 'the SVG has more than 5 000 elements',
    });
  });

  it(`accepts an SVG of exactly ${maxImageBytes / 1024} KB and refuses one byte more`, async () => {
    const padded = (size: number) => {
      const start = `${svgStart}<rect width="1" height="1"/><desc>`;
      const end = '</desc></svg>';
      return asSvg(start + ' '.repeat(size - start.length - end.length) + end);
    };
    expect(padded(maxImageBytes)).toHaveLength(maxImageBytes);
    expect(await checkImage(padded(maxImageBytes), 'image/svg+xml')).toMatchObject({ ok: true, kind: 'svg' });
    expect(await checkImage(padded(maxImageBytes + 1), 'image/svg+xml')).toEqual({
      ok: false,
      problem: 'the image is 513 KB, over the 512 KB limit',
    });
  });

  it('is not fooled by end tags that close nothing', () => {
    expect(svgShapeProblem(`${svgStart}${'<g></x>'.repeat(maxSvgDepth)}</svg>`)).toBe(
      'the SVG nests elements more than 100 deep',
    );
  });

  it('lets real logos through whole: every lettermark, and an exported logo of 1 500 paths', async () => {
    for (const variant of ['full', 'square', 'button', 'buttonHover'] as const) {
      const logo = lettermarkSvg({ key: 'qhyg', name: 'QuickBooks Online', variant });
      expect(svgShapeProblem(logo)).toBeNull();
      expect(await checkImage(asSvg(logo), 'image/svg+xml')).toMatchObject({ ok: true, kind: 'svg' });
    }
    const logo = exportedLogo();
    const checked = await checkImage(asSvg(logo), 'image/svg+xml');
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const document = parseSvg(checked.bytes.toString());
    expect(document.querySelectorAll('path.st0[fill="url(#brand)"]')).toHaveLength(1_500);
    expect(document.querySelectorAll('g[clip-path="url(#clip)"]')).toHaveLength(15);
    expect(document.querySelector('linearGradient#brand stop')?.getAttribute('stop-color')).toBe('#13b5ea');
    expect(document.querySelector('style')?.textContent).toBe('.st0{fill-rule:evenodd}');
  });
});

describe('sanitising in a worker thread', () => {
  const sanitisers: SvgSanitiser[] = [];
  const sanitiser = (options: Parameters<typeof createSvgSanitiser>[0]) => {
    const created = createSvgSanitiser(options);
    sanitisers.push(created);
    return created;
  };
  afterAll(() => Promise.all(sanitisers.map((each) => each.close())));
  const lettermark = asSvg(lettermarkSvg({ key: 'gbol', name: 'Xero', variant: 'full' }));

  it('refuses an SVG that takes too long to make safe, and the next SVG is made safe as usual', async () => {
    const quick = sanitiser({ timeLimitMs: 1_000 });
    expect(svgShapeProblem(slowToSanitise.nestedDivs)).toBeNull(); // the time limit is what stops this one
    expect(await checkImage(asSvg(slowToSanitise.nestedDivs), 'image/svg+xml', quick)).toEqual({
      ok: false,
      problem: 'the SVG took too long to make safe',
    });
    expect(await checkImage(lettermark, 'image/svg+xml', quick)).toMatchObject({ ok: true, kind: 'svg' });
  }, 30_000);

  it('refuses an SVG that crashes the worker (out of memory), and the next SVG is made safe as usual', async () => {
    // Only memory may stop it: on a busy machine running out of memory can take longer than the usual time limit.
    const small = sanitiser({ maxHeapMb: 64, timeLimitMs: 60_000 });
    // 500 KB of paths: jsdom needs well over 64 MB for them.
    const big = `${svgStart}${'<path d="M0 0L10 10 20 30 40 50 60 70Z" fill="#123456" stroke="#000"/>'.repeat(4_900)}</svg>`;
    expect(svgShapeProblem(big)).toBeNull();
    expect(await checkImage(asSvg(big), 'image/svg+xml', small)).toEqual({
      ok: false,
      problem: 'the SVG could not be made safe (it needed more than 64 MB of memory)',
    });
    expect(await checkImage(lettermark, 'image/svg+xml', small)).toMatchObject({ ok: true, kind: 'svg' });
  }, 120_000);

  it('answers a bridge call that arrives while hostile SVGs are being made safe, before any of them is done', async () => {
    const quick = sanitiser({ timeLimitMs: 1_000 });
    const services = createMainServices(testPorts(null));
    const dispatch = services.dispatcher({ isTrustedCaller: () => true });
    try {
      await checkImage(lettermark, 'image/svg+xml', quick); // jsdom is loaded: what follows is the SVGs alone
      const order: string[] = [];
      const checks = Object.entries(slowToSanitise).map(([name, svg]) =>
        checkImage(asSvg(svg), 'image/svg+xml', quick).then((checked) => {
          order.push(name);
          return checked;
        }),
      );
      // Like a renderer's call over IPC, it reaches main through the event loop, which must be free to take it.
      const bridgeCall = new Promise<void>((resolve) => setTimeout(resolve, 0))
        .then(() => dispatch('app.info', {}, { frameUrl: null }))
        .then((result) => {
          order.push('app.info');
          return result;
        });

      const [results, info] = await Promise.all([Promise.all(checks), bridgeCall]);
      expect(info).toMatchObject({ ok: true, value: { name: 'Linkdesk' } });
      expect(order).toEqual(['app.info', ...Object.keys(slowToSanitise)]);
      for (const checked of results)
        expect(checked).toEqual({ ok: false, problem: 'the SVG took too long to make safe' });
    } finally {
      services.dispose();
    }
  }, 60_000);
});
