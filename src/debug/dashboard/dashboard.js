// The dashboard's one inline script (dashboard-script.ts reads it): a hover readout on the
// chart, and the chart kept current.
(() => {
  const fig = document.getElementById('memory');
  if (!fig) return;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let data = null;

  function bytes(b) {
    let u = 0;
    while (b >= 1024 && u < units.length - 1) {
      b /= 1024;
      u++;
    }
    return `${Number(b.toFixed(u === 0 || b >= 100 ? 0 : b >= 10 ? 1 : 2))} ${units[u]}`;
  }

  function ago(s) {
    if (s < 1) return 'latest';
    return s < 60
      ? `${Math.round(s)} s ago`
      : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s ago`;
  }

  function describe(m, latest) {
    return (
      ago((latest - m.t) / 1000) +
      ': RSS ' +
      bytes(m.rss) +
      ' · heap used ' +
      bytes(m.heapUsed) +
      ' of ' +
      bytes(m.heapTotal) +
      ' · external ' +
      bytes(m.external) +
      (m.heapAfterGc === undefined ? '' : ` · after full GC ${bytes(m.heapAfterGc)}`)
    );
  }

  function show(i) {
    const out = fig.querySelector('.readout');
    const cursor = fig.querySelector('.cursor');
    if (!out || !data) return;
    const s = data.samples;
    const m = s[i === null ? s.length - 1 : i];
    const x = String((1000 * (m.t - data.x0)) / (data.x1 - data.x0));
    if (cursor) {
      cursor.setAttribute('x1', x);
      cursor.setAttribute('x2', x);
      cursor.setAttribute('visibility', i === null ? 'hidden' : 'visible');
    }
    out.textContent = describe(m, s[s.length - 1].t);
  }

  function nearest(clientX) {
    const plot = fig.querySelector('.plot');
    if (!plot || !data) return null;
    const box = plot.getBoundingClientRect();
    const f = (clientX - box.left) / box.width;
    if (f < 0 || f > 1) return null;
    const t = data.x0 + f * (data.x1 - data.x0);
    let best = 0;
    data.samples.forEach((m, i) => {
      if (Math.abs(m.t - t) < Math.abs(data.samples[best].t - t)) best = i;
    });
    return best;
  }

  function load() {
    const el = fig.querySelector('.history-data');
    data = el ? JSON.parse(el.textContent) : null;
    show(null);
  }

  async function refresh() {
    try {
      const res = await fetch('chart.html', { cache: 'no-store' });
      if (res.ok) {
        fig.querySelector('.chart-body').innerHTML = await res.text();
        load();
      }
    } catch {}
  }

  fig.addEventListener('pointermove', (e) => show(nearest(e.clientX)));
  fig.addEventListener('pointerleave', () => show(null));
  setInterval(refresh, Math.max(5, Number(fig.dataset.every) || 10) * 1000);
  load();
})();
