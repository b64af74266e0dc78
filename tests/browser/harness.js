// In-page helpers for tests/browser (installed with page.add_init_script before JupyterLab loads).
// Everything lives on window.__fsgeom so it cannot clash with JupyterLab's globals.
//
// "What the student sees" for a control = the ipympl canvases, HTML readouts, Output widgets and images of the
// notebook cell holding the control (or of the whole notebook when that cell has none of them).
(() => {
  if (window.__fsgeom) return;
  const H = {};

  // FNV-1a over a string: cheap fingerprint of a canvas dataURL (tens of kB) so Python never moves pixels.
  H.hash = (s) => {
    let x = 2166136261;
    for (let i = 0; i < s.length; i++) {
      x ^= s.charCodeAt(i);
      x = Math.imul(x, 16777619);
    }
    return (x >>> 0).toString(16) + ':' + s.length;
  };

  const CANVAS = '.jupyter-matplotlib-figure canvas';
  const TEXT = '.widget-html-content, .widget-htmlmath-content, .widget-output';
  const IMG = '.jp-OutputArea-output img';
  const count = (root) =>
    root.querySelectorAll(CANVAS).length + root.querySelectorAll(TEXT).length + root.querySelectorAll(IMG).length;

  // The observable scope of a control: its cell, else the notebook.
  H.scopeOf = (el) => {
    const cell = el.closest('.jp-Cell');
    if (cell && count(cell) > 0) return cell;
    return el.closest('.jp-Notebook') || document.body;
  };

  H.snapshot = (root) => {
    const canvas = [...root.querySelectorAll(CANVAS)].map((c) => {
      try {
        return H.hash(c.toDataURL());
      } catch (e) {
        return 'error:' + e;
      }
    });
    const text = [...root.querySelectorAll(TEXT)].map((t) => t.textContent.replace(/\s+/g, ' ').trim());
    const img = [...root.querySelectorAll(IMG)].map((i) => H.hash(i.src || ''));
    return { canvas: canvas.join('|'), text: text.join('|'), img: img.join('|'), nCanvas: canvas.length, nText: text.length, nImg: img.length };
  };

  // Is this canvas still blank (never drawn)?  Compares against an empty canvas of the same size.
  H.isBlank = (c) => {
    if (!c.width || !c.height) return true;
    const empty = document.createElement('canvas');
    empty.width = c.width;
    empty.height = c.height;
    return c.toDataURL() === empty.toDataURL();
  };

  // Watch a scope frame by frame: when did the canvas / text / images first differ from the snapshot taken
  // now, when did the scope last change, and when did the first user input event (key, click, change) happen.
  H.watch = (root) => {
    if (H.current) H.current.stop();
    const before = H.snapshot(root);
    const w = {
      root, before, tStart: performance.now(), tInput: null,
      canvasAt: null, textAt: null, imgAt: null, lastChangeAt: null, last: before, frames: 0, stopped: false,
    };
    const onInput = () => {
      if (w.tInput === null) w.tInput = performance.now();
    };
    const events = ['keydown', 'change', 'pointerdown', 'click'];
    for (const ev of events) document.addEventListener(ev, onInput, true);
    w.stop = () => {
      w.stopped = true;
      for (const ev of events) document.removeEventListener(ev, onInput, true);
    };
    const tick = () => {
      if (w.stopped) return;
      const s = H.snapshot(root);
      const now = performance.now();
      if (w.canvasAt === null && s.canvas !== before.canvas) w.canvasAt = now;
      if (w.textAt === null && s.text !== before.text) w.textAt = now;
      if (w.imgAt === null && s.img !== before.img) w.imgAt = now;
      if (s.canvas !== w.last.canvas || s.text !== w.last.text || s.img !== w.last.img) w.lastChangeAt = now;
      w.last = s;
      w.frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    H.current = w;
    return before;
  };

  // Summary of the current watch (all times in ms, relative to the first input event or to the watch start).
  H.watchStatus = () => {
    const w = H.current;
    if (!w) return null;
    const t0 = w.tInput !== null ? w.tInput : w.tStart;
    const rel = (t) => (t === null ? null : Math.round((t - t0) * 10) / 10);
    const now = performance.now();
    return {
      changed: w.canvasAt !== null || w.textAt !== null || w.imgAt !== null,
      canvasMs: rel(w.canvasAt), textMs: rel(w.textAt), imgMs: rel(w.imgAt),
      quietMs: Math.round(now - (w.lastChangeAt === null ? w.tStart : w.lastChangeAt)),
      inputSeen: w.tInput !== null, frames: w.frames,
      before: w.before, after: w.last,
    };
  };

  // ------------------------------------------------------------------------------------------ controls
  // Controls the harness knows how to move. Anything inside an ipympl figure (its toolbar) is not a control.
  H.KINDS = [
    ['slider', '.widget-slider'],
    ['dropdown', '.widget-dropdown select'],
    ['select', '.widget-select:not(.widget-select-multiple) select'],
    ['toggle-buttons', '.widget-toggle-buttons'],
    ['radio', '.widget-radio-box'],
    ['checkbox', '.widget-checkbox input[type=checkbox]'],
    ['toggle-button', 'button.widget-toggle-button'],
  ];
  // Widgets present but not moved by the harness (reported, never silently counted as tested).
  H.UNHANDLED = [
    ['text', '.widget-text input, .widget-textarea textarea'],
    ['button', 'button.widget-button'],
    ['play', '.widget-play'],
    ['select-multiple', '.widget-select-multiple'],
    ['color/date picker', '.widget-colorpicker, .widget-datepicker'],
    ['tags', '.widget-tagsinput'],
  ];

  H.notebook = () => {
    const app = window.jupyterapp;
    const w = app && app.shell && app.shell.currentWidget;
    return (w && w.content && w.content.node && w.content.node.classList.contains('jp-Notebook')) ? w.content.node
      : document.querySelector('.jp-Notebook') || document.body;
  };

  const inFigure = (el) => !!el.closest('.jupyter-matplotlib');
  const cellIndex = (nb, el) => [...nb.querySelectorAll('.jp-Cell')].indexOf(el.closest('.jp-Cell'));

  H.controls = () => {
    const nb = H.notebook();
    const out = [];
    for (const [kind, sel] of H.KINDS) {
      for (const el of nb.querySelectorAll(sel)) {
        if (inFigure(el)) continue;
        if (el.parentElement && el.parentElement.closest(sel)) continue; // nested match of the same kind
        if (kind === 'toggle-button' && el.closest('.widget-toggle-buttons')) continue;
        out.push({ kind, el });
      }
    }
    out.sort((a, b) => (a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    return out;
  };

  H.describe = (c) => {
    const nb = H.notebook();
    const wrap = c.el.closest('.widget-inline-hbox, .widget-inline-vbox, .widget-checkbox') || c.el;
    const clean = (t) => (t || '').replace(/[\s\u200b]+/g, ' ').trim();
    const labelEl = [...wrap.querySelectorAll('.widget-label, .widget-label-basic')].find((l) => clean(l.textContent));
    const label = clean((labelEl && labelEl.textContent) || c.el.getAttribute('title') || c.el.textContent).slice(0, 60);
    const disabled = !!(c.el.disabled || c.el.querySelector('[disabled]') || wrap.querySelector('.noUi-target[disabled]'));
    return { kind: c.kind, label, cell: cellIndex(nb, c.el), disabled };
  };

  H.describeAll = () => H.controls().map(H.describe);

  H.unhandled = () => {
    const nb = H.notebook();
    const out = {};
    for (const [kind, sel] of H.UNHANDLED) {
      const n = [...nb.querySelectorAll(sel)].filter((el) => !inFigure(el) && !el.classList.contains('widget-toggle-button')).length;
      if (n) out[kind] = n;
    }
    return out;
  };

  // Number of rendered widget views (outermost .jupyter-widgets in output areas) and of ipympl figures.
  H.widgetCounts = () => {
    const nb = H.notebook();
    const views = [...nb.querySelectorAll('.jp-OutputArea-output .jupyter-widgets')].filter(
      (el) => !el.parentElement.closest('.jupyter-widgets'));
    return { views: views.length, figures: nb.querySelectorAll('.jupyter-matplotlib-figure').length };
  };

  // Snippets of widget error text, with the cell they appear in.
  H.widgetErrors = (needles) => {
    const nb = H.notebook();
    const found = [];
    const lower = needles.map((n) => n.toLowerCase());
    for (const el of nb.querySelectorAll('.jp-OutputArea-output')) {
      const text = (el.textContent || '').replace(/\s+/g, ' ').trim();
      const t = text.toLowerCase();
      if (lower.some((n) => t.includes(n))) found.push({ cell: cellIndex(nb, el), text: text.slice(0, 300) });
    }
    // Dialogs and notifications count too (not the notebook's prose or code, which may quote these words).
    for (const el of document.querySelectorAll('.jp-Dialog, .Toastify__toast, .jp-Notification-Toast')) {
      const text = (el.textContent || '').replace(/\s+/g, ' ').trim();
      if (lower.some((n) => text.toLowerCase().includes(n))) found.push({ cell: -1, text: 'dialog/notification: ' + text.slice(0, 300) });
    }
    return found;
  };

  // Widget views rendered and every ipympl figure drawn at least once (main canvas not blank). A view still
  // showing "Loading widget..." is stuck: JupyterLab leaves it so, e.g., when its model never reached the page.
  H.rendered = () => {
    const nb = H.notebook();
    const stuck = [...nb.querySelectorAll('.jp-OutputArea-output')]
      .filter((el) => !el.querySelector('.jupyter-widgets') && (el.textContent || '').trim() === 'Loading widget...')
      .map((el) => cellIndex(nb, el));
    const blank = [...nb.querySelectorAll('.jupyter-matplotlib-canvas-div canvas:first-of-type')]
      .filter(H.isBlank).map((el) => cellIndex(nb, el));
    return { stuck, blank, ok: stuck.length === 0 && blank.length === 0 };
  };

  window.__fsgeom = H;
})();
