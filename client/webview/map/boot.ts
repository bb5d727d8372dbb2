// The claim map page's first script, and its only one in the page itself:
// a few lines, so the page has loaded (and the editor shows it, with the
// graph's first picture) as soon as it can. The editor keeps a webview's
// page hidden until it has loaded, and loading waits for every script and
// style sheet the page names; the map's script is half a megabyte. Once the
// page is shown this brings the style sheet and then the map's script, under
// this script's nonce.
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

if (document.readyState === 'complete') start();
else window.addEventListener('load', start, { once: true });
