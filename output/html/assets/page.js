(function () {
  "use strict";
  // The page is rendered in full by the exporter; this script only adds
  // behaviour. It never writes HTML: every string from the document goes
  // into the page through textContent.
  var data = JSON.parse(document.getElementById("items").textContent);
  var text = document.getElementById("text");
  var panel = document.getElementById("panel");
  var tip = document.getElementById("tip");
  var shown = document.getElementById("shown");
  var byKey = {};
  var items = data.items;
  items.forEach(function (it) { it.els = []; it.rows = []; it.on = true; byKey[it.k] = it; });

  var marks = text.querySelectorAll("mark[data-item]");
  for (var i = 0; i < marks.length; i++) {
    var it = byKey[marks[i].getAttribute("data-item")];
    if (!it) continue;
    it.els.push(marks[i]);
    if (marks[i].classList.contains("hl")) it.primary = marks[i];
  }
  var rows = panel.querySelectorAll("[data-item]");
  for (i = 0; i < rows.length; i++) {
    var r = byKey[rows[i].getAttribute("data-item")];
    if (r) r.rows.push(rows[i]);
  }
  // Reading order, for n/p.
  var order = items.slice().sort(function (a, b) { return a.s - b.s || b.e - a.e; });
  var current = null;

  function select(it, scrollText) {
    if (current) {
      current.els.forEach(function (e) { e.classList.remove("cur"); });
      current.rows.forEach(function (e) { e.classList.remove("cur"); e.removeAttribute("aria-current"); });
    }
    current = it;
    if (!it) return;
    it.els.forEach(function (e) { e.classList.add("cur"); });
    it.rows.forEach(function (e) { e.classList.add("cur"); e.setAttribute("aria-current", "true"); });
    if (scrollText && it.primary) it.primary.scrollIntoView({ block: "center", inline: "nearest" });
    if (it.rows[0]) it.rows[0].scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  function step(dir) {
    var vis = order.filter(function (it) { return it.on; });
    if (!vis.length) return;
    var at = current ? vis.indexOf(current) : -1;
    if (at < 0) {
      // Start from the first item after (or before) the current one.
      at = dir > 0 ? -1 : vis.length;
      if (current) {
        for (var j = 0; j < vis.length; j++) {
          if (vis[j].s > current.s) { at = dir > 0 ? j - 1 : j; break; }
        }
      }
    }
    var next = vis[(at + dir + vis.length) % vis.length];
    select(next, true);
  }

  panel.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-item]");
    if (b) select(byKey[b.getAttribute("data-item")], true);
  });
  text.addEventListener("click", function (e) {
    var m = e.target.closest("mark[data-item]");
    if (m && !m.classList.contains("off")) select(byKey[m.getAttribute("data-item")], false);
  });

  // Tooltips: the fields of every item covering the pointed-at text.
  function covering(m) {
    var out = [], seen = {};
    for (; m && m !== text; m = m.parentElement) {
      var k = m.getAttribute && m.getAttribute("data-item");
      if (k && !seen[k] && byKey[k] && byKey[k].on) { seen[k] = true; out.push(byKey[k]); }
    }
    return out;
  }
  function showTip(m) {
    var list = covering(m);
    if (!list.length) { hideTip(); return; }
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    list.forEach(function (it) {
      var h = document.createElement("div");
      h.className = "h";
      h.textContent = it.label;
      tip.appendChild(h);
      var dl = document.createElement("dl");
      it.f.forEach(function (kv) {
        var dt = document.createElement("dt"), dd = document.createElement("dd");
        dt.textContent = kv[0];
        dd.textContent = kv[1];
        dl.appendChild(dt);
        dl.appendChild(dd);
      });
      tip.appendChild(dl);
    });
    tip.hidden = false;
    var rc = m.getBoundingClientRect(), tw = tip.offsetWidth, th = tip.offsetHeight;
    var x = Math.max(8, Math.min(rc.left, window.innerWidth - tw - 8));
    var y = rc.bottom + 6;
    if (y + th > window.innerHeight - 8) y = Math.max(8, rc.top - th - 6);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hideTip() { tip.hidden = true; }
  text.addEventListener("mouseover", function (e) {
    var m = e.target.closest("mark[data-item]");
    if (m) showTip(m); else hideTip();
  });
  text.addEventListener("mouseleave", hideTip);
  text.addEventListener("focusin", function (e) {
    var m = e.target.closest("mark[data-item]");
    if (m) { m.setAttribute("aria-describedby", "tip"); showTip(m); }
  });
  text.addEventListener("focusout", hideTip);
  text.parentElement.addEventListener("scroll", hideTip, { passive: true });

  // Filters: each narrows only the kinds it applies to.
  var form = document.getElementById("filters");
  function val(id) { return document.getElementById(id).value; }
  function applyFilters() {
    var kinds = {};
    form.querySelectorAll("input[name=kind]").forEach(function (c) { kinds[c.value] = c.checked; });
    var type = val("f-type"), actor = val("f-actor"), holder = val("f-holder"), stance = val("f-stance");
    var n = 0;
    items.forEach(function (it) {
      var on = !!kinds[it.kind];
      if (on && it.kind === "event") {
        if (type && it.type !== type) on = false;
        if (actor && (it.actors || []).indexOf(actor) < 0) on = false;
      }
      if (on && it.kind === "position") {
        if (holder && it.holder !== holder) on = false;
        if (stance && it.stance !== stance) on = false;
        if (actor && it.holder !== actor) on = false;
      }
      it.on = on;
      if (on) n++;
      it.els.forEach(function (e) { e.classList.toggle("off", !on); if (e.classList.contains("hl") || e.classList.contains("mk")) e.tabIndex = on ? 0 : -1; });
      it.rows.forEach(function (e) { e.parentElement.hidden = !on; });
    });
    panel.querySelectorAll(".grp").forEach(function (g) {
      g.hidden = !g.querySelector("li:not([hidden])");
    });
    shown.textContent = n + " of " + items.length + " items";
    if (current && !current.on) select(null);
  }
  form.addEventListener("change", applyFilters);
  form.addEventListener("submit", function (e) { e.preventDefault(); });

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target.tagName;
    if (t === "INPUT" || t === "SELECT" || t === "TEXTAREA") return;
    if (e.key === "n" || e.key === "j") { step(1); e.preventDefault(); }
    else if (e.key === "p" || e.key === "k") { step(-1); e.preventDefault(); }
    else if (e.key === "Escape") { select(null); hideTip(); }
    else if (e.key === "Enter" && e.target.matches && e.target.matches("#text mark[data-item]")) {
      select(byKey[e.target.getAttribute("data-item")], false);
    }
  });

  document.documentElement.setAttribute("data-ready", String(items.length));
})();
