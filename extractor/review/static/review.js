// xxgk review: light up the selected cell or narrative item on the page image (or in the running
// text) and fill the correction form, without reloading. Every link also works without this script.
// Text from the report is only ever set with textContent, never as HTML.
(function () {
  "use strict";
  var holder = document.getElementById("page-data");
  if (!holder) { return; }
  var data = JSON.parse(holder.getAttribute("data-json"));
  var pageView = document.getElementById("page-view");
  var pageImg = document.getElementById("page-img");
  var overlays = document.getElementById("overlays");
  var runningText = document.getElementById("running-text");
  var fullText = runningText ? runningText.textContent : null;
  var selected = data.selected;
  var KINDS = {
    value: "数值", low: "置信度较低，请核对", ambiguous: "存疑：数字粘连，有多种拆分，未取值",
    unreadable: "存疑：印的不是数字，未取值", blank: "空白（未填）", dash: "横线（—），不适用",
    absent: "未印出（该行、列或表格未找到）"
  };

  function byId(id) { return document.getElementById(id); }

  function shown(value) {
    if (value === null || value === undefined) { return "（空）"; }
    if (typeof value === "object") { return JSON.stringify(value); }
    return String(value);
  }

  function currentPage() { return pageView ? parseInt(pageView.getAttribute("data-page"), 10) : null; }

  function showPage(page) {
    if (!pageView || !page || page === currentPage()) { return; }
    pageView.setAttribute("data-page", String(page));
    var size = data.pages[page - 1];
    pageImg.src = "/reports/" + data.report + "/page/" + page + ".png";
    pageImg.alt = "原文第 " + page + " 页";
    pageImg.width = Math.round(size[0] * data.zoom);
    pageImg.height = Math.round(size[1] * data.zoom);
    document.querySelectorAll(".page-tab").forEach(function (tab) {
      tab.classList.toggle("current", tab.getAttribute("data-page") === String(page));
    });
  }

  function box(bbox, page, cls, title) {
    var size = data.pages[page - 1];
    var el = document.createElement("div");
    el.className = "box " + cls;
    el.style.left = (100 * bbox[0] / size[0]) + "%";
    el.style.top = (100 * bbox[1] / size[1]) + "%";
    el.style.width = (100 * (bbox[2] - bbox[0]) / size[0]) + "%";
    el.style.height = (100 * (bbox[3] - bbox[1]) / size[1]) + "%";
    if (title) { el.title = title; }
    overlays.appendChild(el);
    return el;
  }

  function drawBoxes(chosen) {
    if (!overlays) { return null; }
    overlays.textContent = "";
    var page = currentPage();
    var focus = null;
    Object.keys(data.cells).forEach(function (path) {
      var cell = data.cells[path];
      if (cell.page === page && cell.bbox && cell.failing.length && path !== selected) {
        box(cell.bbox, page, "failing", cell.label + " = " + cell.value);
      }
    });
    chosen.forEach(function (b) {
      if (b[0] === page) { focus = focus || box(b[1], page, "selected", ""); }
    });
    return focus;
  }

  function markText(spans) {
    if (!runningText) { return null; }
    runningText.textContent = "";
    var marks = spans.slice().sort(function (a, b) { return a[0] - b[0]; });
    var at = 0;
    var first = null;
    marks.forEach(function (span) {
      if (span[0] < at) { return; }
      runningText.appendChild(document.createTextNode(fullText.slice(at, span[0])));
      var mark = document.createElement("mark");
      mark.className = span[2];
      mark.textContent = fullText.slice(span[0], span[1]) || " ";
      runningText.appendChild(mark);
      if (span[2].indexOf("selected") >= 0 && !first) { first = mark; }
      at = span[1];
    });
    runningText.appendChild(document.createTextNode(fullText.slice(at)));
    return first;
  }

  function reveal(el) {
    if (el && el.scrollIntoView) { el.scrollIntoView({block: "center", inline: "nearest"}); }
  }

  function failingSpans() {
    var spans = [];
    Object.keys(data.cells).forEach(function (path) {
      var cell = data.cells[path];
      if (cell.span && cell.exact && cell.failing.length && path !== selected) { spans.push([cell.span[0], cell.span[1], "failing"]); }
    });
    return spans;
  }

  function fillEditor(path, cell) {
    var editor = byId("editor");
    editor.classList.remove("empty");
    editor.querySelector(".editor-hint").hidden = true;
    editor.querySelector(".editor-body").hidden = false;
    byId("ed-label").textContent = cell.label;
    var value = byId("ed-value");
    value.textContent = cell.value === "" ? "（空）" : cell.value;
    value.className = "k-" + cell.kind;
    byId("ed-raw").textContent = cell.printed ? cell.printed : "（无）";
    byId("ed-kind").textContent = KINDS[cell.kind] + (cell.corrected ? "；已更正" : "");
    byId("ed-conf").textContent = cell.confidence === null ? "—" : cell.confidence.toFixed(2);
    byId("ed-page").textContent = cell.page ? String(cell.page) : (cell.span ? (cell.exact ? "见左侧全文" : "见左侧全文（所在行）") : (runningText ? "全文中未能定位" : "—"));
    byId("ed-failing").textContent = cell.failing.length ? cell.failing.join("、") : "—";
    byId("ed-path").value = path;
    byId("ed-seen").value = JSON.stringify(cell.kind === "value" || cell.kind === "low" ? Number(cell.value) : null);
    var input = byId("ed-input");
    if (input.getAttribute("data-draft") !== path) { input.value = (cell.kind === "value" || cell.kind === "low") ? cell.value : ""; }
    var history = byId("ed-history");
    history.textContent = "";
    cell.history.forEach(function (h) {
      var li = document.createElement("li");
      li.textContent = "#" + h.id + " " + h.at + "：" + shown(h.old) + " → " + shown(h.new) + (h.note ? "（" + h.note + "）" : "") + (h.stale ? "（未应用）" : "");
      history.appendChild(li);
    });
    input.focus();
    input.select();
  }

  function selectCell(path, push) {
    var cell = data.cells[path];
    if (!cell) { return false; }
    selected = path;
    document.querySelectorAll("td.selected, .item.selected").forEach(function (el) { el.classList.remove("selected"); });
    document.querySelectorAll('a.cell[data-path="' + path + '"]').forEach(function (a) { a.parentElement.classList.add("selected"); });
    if (cell.page) { showPage(cell.page); }
    var focus = drawBoxes(cell.bbox && cell.page ? [[cell.page, cell.bbox]] : []);
    if (runningText) {
      var spans = failingSpans();
      if (cell.span) { spans.push([cell.span[0], cell.span[1], cell.exact ? "selected" : "selected row"]); }
      focus = markText(spans);
    }
    fillEditor(path, cell);
    reveal(focus);
    if (push) { history.replaceState(null, "", "?cell=" + encodeURIComponent(path) + "#editor"); }
    return true;
  }

  function selectItem(path) {
    var where = data.items[path];
    if (!where) { return false; }
    selected = path;
    document.querySelectorAll("td.selected, .item.selected").forEach(function (el) { el.classList.remove("selected"); });
    var boxes = where.boxes || [];
    if (boxes.length) { showPage(boxes[0][0]); } else if (where.page) { showPage(where.page); }
    var focus = drawBoxes(boxes);
    if (runningText && where.span) { focus = markText([[where.span[0], where.span[1], "selected"]]); }
    reveal(focus);
    history.replaceState(null, "", "?item=" + encodeURIComponent(path));
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-path], a[data-item], a.page-tab");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var done = false;
    if (link.hasAttribute("data-path")) { done = selectCell(link.getAttribute("data-path"), true); }
    else if (link.hasAttribute("data-item")) {
      event.preventDefault();
      done = selectItem(link.getAttribute("data-item"));
      var li = link.closest("li.item");
      if (li) { li.classList.add("selected"); }
    } else if (link.classList.contains("page-tab")) {
      showPage(parseInt(link.getAttribute("data-page"), 10));
      drawBoxes([]);
      done = true;
    }
    if (done) { event.preventDefault(); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && selected) {
      selected = null;
      document.querySelectorAll("td.selected").forEach(function (el) { el.classList.remove("selected"); });
      var editor = byId("editor");
      editor.classList.add("empty");
      editor.querySelector(".editor-hint").hidden = false;
      editor.querySelector(".editor-body").hidden = true;
      drawBoxes([]);
      if (runningText) { markText(failingSpans()); }
    }
  });

  // page zoom: fit the pane, or 1.5× / 2× / 3× its width (the pane scrolls)
  var zooms = [1, 1.5, 2, 3];
  var zoomAt = 0;
  document.querySelectorAll("button[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () {
      zoomAt = Math.max(0, Math.min(zooms.length - 1, zoomAt + parseInt(button.getAttribute("data-zoom"), 10)));
      pageView.style.width = (100 * zooms[zoomAt]) + "%";
      reveal(overlays.querySelector(".box.selected"));
    });
  });

  var close = byId("ed-close");
  if (close) { close.addEventListener("click", function () { document.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape"})); }); }

  // first paint: the selected cell or item, else the failing cells of the shown page
  var draftInput = byId("ed-input");
  if (draftInput && byId("form-error")) { draftInput.setAttribute("data-draft", byId("ed-path").value); }
  if (selected && data.cells[selected]) { selectCell(selected, false); }
  else if (selected && data.items[selected]) { selectItem(selected); }
  else { drawBoxes([]); if (runningText) { markText(failingSpans()); } }
}());
