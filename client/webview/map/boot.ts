// The claim map page's first script, and its only one in the page itself:
// a few lines, so the page has loaded (and the editor shows it, with the
// graph's first picture) as soon as it can. The editor keeps a webview's
// page hidden until it has loaded, and loading waits for every script and
// style sheet the page names; the map's script is half a megabyte. Once the
// page has been painted this brings the style sheet and then the map's
// script, under this script's nonce.
const boot = document.currentScript as HTMLScriptElement;
const root = document.getElementById('app')!;

function start(): void {
  const sheet = document.createElement('link');
  sheet.rel = 'stylesheet';
  sheet.href = root.dataset.style ?? '';
  // The map's script builds the toolbar at once: it comes once the style sheet is in, so nothing shows unstyled.
  const load = () => {
    const script = document.createElement('script');
    script.nonce = boot.nonce;
    script.src = root.dataset.script ?? '';
    document.head.append(script);
  };
  sheet.onload = load;
  sheet.onerror = load;
  document.head.append(sheet);
}

// Once the page is on screen: the map's script, once loaded, keeps the page busy for a while (a large map's
// graph arrives with it), and the picture should be shown before that. The browser says when it first
// painted the page; the editor shows the page when it has loaded (or a moment after), so that is the sign.
// Should it never come, the map does not wait long.
let started = false;
const once = () => { if (!started) { started = true; start(); } };
try {
  new PerformanceObserver((list) => { if (list.getEntriesByName('first-contentful-paint').length) once(); }).observe({ type: 'paint', buffered: true });
} catch {
  window.addEventListener('load', once, { once: true });
}
setTimeout(once, 400);
