// Which face a page is drawn in, decided before its first paint so that the first paint is final.
//
// A browser that already holds our cut of Inter (any page after a visitor's first) gets it from the
// first paint: the script switches the site's text to it and preloads the cached file, which
// `font-display: optional` then waits for. A first page view does not ask for the font before it
// paints: it is drawn in the system's sans, and the file is fetched into the HTTP cache once the
// page has painted, for the pages that follow. So a first page's largest paint is its first
// paint, on any connection, and no page redraws its text in another face (docs/BENCHMARKS.md,
// "The largest paint"). Without JavaScript or cookies, every page keeps the system's sans.
//
// An inline, parser-blocking script in <head>: it must run before the stylesheet styles the body.
// astro.config.mjs hashes this exact text into every page's script-src; change it here only.

/** The class on <html> that turns on the brand font (src/styles/global.css). */
export const BRAND_FONT_CLASS = 'brand-font';

/**
 * The cookie set once the font file has been fetched, so it is in the HTTP cache; its value is
 * the file's name, which changes with the file. A cookie rather than local storage: a page's
 * first read of local storage costs the parser about 4 ms of main thread on this machine, of the
 * cookie under 1 ms. The server never reads it.
 */
export const BRAND_FONT_COOKIE = 'nyarro_font';

/**
 * The script; its element carries the font file's address in `data-font` (the address is known
 * only as the build names the file, and the CSP hash covers the text alone).
 */
export const BRAND_FONT_SCRIPT =
  `(()=>{const root=document.documentElement,font=document.currentScript.dataset.font,` +
  `cookie='${BRAND_FONT_COOKIE}='+font.split('/').pop();` +
  // Cached: preloaded too, since Chrome waits for an `optional` font only when it is preloaded,
  // and reading it back from the HTTP cache takes a moment.
  `if(document.cookie.split('; ').includes(cookie)){root.classList.add('${BRAND_FONT_CLASS}');` +
  `const link=Object.assign(document.createElement('link'),{rel:'preload',as:'font',type:'font/woff2',crossOrigin:'anonymous',href:font});` +
  `document.head.append(link);return}` +
  // Fetched into the HTTP cache, not loaded as a font: decoding it would be main-thread work on a
  // page that does not use it. After the page has loaded and painted (on a fast link load comes
  // before the first paint), so it never competes with what the first paint needs.
  `const fetchFont=()=>fetch(font,{priority:'low'}).then((response)=>response.ok&&response.arrayBuffer())` +
  `.then((body)=>{if(body)document.cookie=cookie+';path=/;max-age=31536000;samesite=lax'}).catch(()=>{});` +
  `addEventListener('load',()=>{if(!PerformanceObserver.supportedEntryTypes.includes('paint'))return setTimeout(fetchFont,1000);` +
  `new PerformanceObserver((list,observer)=>{if(list.getEntriesByName('first-contentful-paint').length){observer.disconnect();fetchFont()}})` +
  `.observe({type:'paint',buffered:true})})})();`;
