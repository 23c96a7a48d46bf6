/**
 * Apache ECharts, loaded only by the screens that draw a chart (the first screen stays small). The file comes from
 * the WAR (/vendor/echarts, see ADR 0010), never from a CDN. Every chart sits beside a table holding the same
 * figures, which is what screen readers and keyboard users read; the chart itself is an image with a label.
 */
let loading = null;

export function echarts() {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      if (window.echarts) return resolve(window.echarts);
      const script = document.createElement('script');
      script.src = 'vendor/echarts/dist/echarts.min.js';
      script.onload = () => resolve(window.echarts);
      script.onerror = () => {
        loading = null;
        reject(new Error('ECharts could not be loaded'));
      };
      document.head.append(script);
    });
  }
  return loading;
}

/** Resolves once el is in the page and has a width: ECharts measures its element when it starts. */
function attached(el) {
  return new Promise((resolve) => {
    const check = () => (el.isConnected && el.clientWidth ? resolve() : requestAnimationFrame(check));
    check();
  });
}

/** Draws into el once it is shown; follows its size; returns the chart, or null when ECharts cannot load. */
export async function chart(el, option) {
  try {
    const lib = await echarts();
    await attached(el);
    // The SVG clips what it does not show (a scrolling legend's further items): those parts are hidden, not wide.
    el.classList.add('scroll-x');
    const c = lib.init(el, null, { renderer: 'svg' });
    c.setOption(option);
    new ResizeObserver(() => c.resize()).observe(el);
    return c;
  } catch {
    el.hidden = true;
    return null;
  }
}
