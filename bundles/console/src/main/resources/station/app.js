// The station page: live values, alarms with on-site acknowledgement, link health and the commissioning tools,
// all from the gateway's local JSON API. No framework and nothing from the internet: a technician's phone on a
// station network has none. Every text is set with textContent, never parsed as HTML.
"use strict";
(function () {
  const TOKEN_KEY = "weir.console.token";
  const LANG_KEY = "weir.console.lang";
  const FAST_MS = 2000;
  const SLOW_MS = 5000;
  const $ = (id) => document.getElementById(id);

  let lang = localStorage.getItem(LANG_KEY)
    || ((navigator.language || "zh").toLowerCase().startsWith("zh") ? "zh" : "en");
  let commands = [];
  let status = {};
  let readings = [];
  let timers = [];

  // ---- words -----------------------------------------------------------------------------------------------------
  function t(key, vars) {
    const words = window.WEIR_TEXT[lang] || window.WEIR_TEXT.en;
    let text = words[key] !== undefined ? words[key] : (window.WEIR_TEXT.en[key] !== undefined ? window.WEIR_TEXT.en[key] : key);
    if (vars) {
      Object.keys(vars).forEach((k) => { text = text.split("{" + k + "}").join(String(vars[k])); });
    }
    return text;
  }

  function translate() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
    $("lang").textContent = t("lang.other");
  }

  // ---- elements --------------------------------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === undefined || v === null || v === false) {
        return;
      }
      if (k === "class") {
        node.className = v;
      } else if (k.startsWith("on")) {
        node.addEventListener(k.substring(2), v);
      } else {
        node.setAttribute(k, v === true ? "" : v);
      }
    });
    children.flat(Infinity).forEach((c) => {
      if (c !== undefined && c !== null && c !== false) {
        node.append(c instanceof Node ? c : document.createTextNode(String(c)));
      }
    });
    return node;
  }

  function fill(target, ...children) {
    target.replaceChildren(...children.flat(Infinity).filter((c) => c !== undefined && c !== null && c !== false));
  }

  // ---- the API ---------------------------------------------------------------------------------------------------
  class Unauthorized extends Error {}

  async function api(path, body) {
    const headers = { "Accept": "application/json" };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) {
      headers["Authorization"] = "Bearer " + token;
    }
    const options = { headers, cache: "no-store" };
    if (body !== undefined) {
      options.method = "POST";
      headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    if (response.status === 401) {
      throw new Unauthorized();
    }
    const answer = await response.json();
    if (!response.ok) {
      throw new Error(answer.error || response.statusText);
    }
    return answer;
  }

  /** Runs a command with scalar arguments; empty ones are left out. */
  function command(name, args) {
    const clean = {};
    Object.entries(args).forEach(([k, v]) => {
      if (v !== undefined && v !== null && String(v).trim() !== "") {
        clean[k] = String(v).trim();
      }
    });
    return api("/api/commands/" + encodeURIComponent(name), clean).then((a) => a.result);
  }

  // ---- formatting ------------------------------------------------------------------------------------------------
  function number(value, decimals) {
    if (typeof value !== "number") {
      return String(value);
    }
    return Number.isInteger(decimals) ? value.toFixed(decimals) : String(value);
  }

  function ago(iso) {
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (seconds < 120) {
      return t("ago.s", { n: seconds });
    }
    if (seconds < 7200) {
      return t("ago.m", { n: Math.round(seconds / 60) });
    }
    return t("ago.h", { n: Math.round(seconds / 3600) });
  }

  function localTime(iso) {
    return iso ? new Date(iso).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB") : "";
  }

  function facts(target, pairs) {
    const shown = pairs.filter((p) => p[1] !== undefined && p[1] !== null && p[1] !== "");
    const text = (v) => typeof v === "object" ? JSON.stringify(v)
      : (typeof v === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v) ? localTime(v) + " (" + ago(v) + ")" : String(v));
    fill(target, shown.length ? shown.map(([k, v]) => [el("dt", {}, k), el("dd", {}, text(v))])
      : el("dd", { class: "muted" }, t("system.none")));
  }

  function notice(target, text, kind) {
    fill(target, el("p", { class: kind || "" }, text));
  }

  // ---- login -----------------------------------------------------------------------------------------------------
  function showLogin(wrong) {
    timers.forEach(clearInterval);
    timers = [];
    $("app").hidden = true;
    $("login").hidden = false;
    $("logout").hidden = true;
    $("login-error").hidden = !wrong;
    $("login-error").textContent = t("login.wrong");
    $("token").focus();
  }

  function showApp() {
    $("login").hidden = true;
    $("app").hidden = false;
    $("logout").hidden = !sessionStorage.getItem(TOKEN_KEY);
    timers.forEach(clearInterval);
    timers = [setInterval(() => refresh(false), FAST_MS), setInterval(() => refresh(true), SLOW_MS)];
  }

  /**
   * A link of the form http://gateway:8089/#token=... (a QR code on the cabinet door, a bookmark) logs in: the
   * fragment never leaves the browser, and it is removed from the address bar at once.
   */
  function tokenFromAddress() {
    const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (match) {
      sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
      history.replaceState(null, "", location.pathname + location.search);
    }
  }

  async function start() {
    try {
      commands = (await api("/api/commands")).commands;
      showApp();
      offerTools();
      await refresh(true);
    } catch (e) {
      if (e instanceof Unauthorized) {
        showLogin(Boolean(sessionStorage.getItem(TOKEN_KEY)));
      } else {
        $("updated").textContent = t("error.offline");
        setTimeout(start, SLOW_MS);
      }
    }
  }

  // ---- refreshing --------------------------------------------------------------------------------------------------
  async function refresh(slow) {
    try {
      const calls = [api("/api/readings"), api("/api/alarms")];
      if (slow) {
        calls.push(api("/api/status"), api("/api/health"), api("/api/station"));
      }
      const [r, a, s, h, station] = await Promise.all(calls);
      readings = r.readings;
      if (slow) {
        status = s;
        renderStation(station, h);
        renderStatus();
      }
      renderAlarms(a.alarms);
      renderDevices();
      $("updated").textContent = t("updated", { time: new Date().toLocaleTimeString(lang === "zh" ? "zh-CN" : "en-GB") });
    } catch (e) {
      if (e instanceof Unauthorized) {
        showLogin(true);
      } else {
        $("updated").textContent = t("error.offline");
      }
    }
  }

  function renderStation(station, health) {
    $("station-name").textContent = station.name || "Weir";
    $("station-sub").textContent = [station.stationCode, station.gatewayId].filter(Boolean).join(" · ");
    $("health").className = "dot " + (health.healthy ? "ok" : "bad");
    $("health").title = health.summary;
    $("health-summary").textContent = health.summary;
    document.title = (station.name || "Weir") + " · Weir";
  }

  function renderAlarms(alarms) {
    $("alarm-count").hidden = alarms.length === 0;
    $("alarm-count").textContent = alarms.length;
    if (alarms.length === 0) {
      notice($("alarms"), t("alarms.none"), "muted");
      return;
    }
    fill($("alarms"), alarms.map((a) => el("div", { class: "alarm level-" + a.level, "data-alarm": a.alarmId },
      el("div", { class: "alarm-head" },
        el("span", { class: "badge level-" + a.level }, t("level." + a.level)),
        el("strong", {}, a.ruleId),
        el("span", { class: "muted" }, a.channels.join(", "))),
      el("div", { class: "alarm-body" },
        a.value !== undefined ? el("span", {}, t("alarms.value") + " " + a.value) : null,
        a.threshold !== undefined ? el("span", {}, t("alarms.threshold") + " " + a.threshold) : null,
        a.reason ? el("span", {}, a.reason) : null,
        el("span", { class: "muted" }, t("alarms.raised") + " " + localTime(a.raisedAt)),
        el("span", { class: "muted" }, t("alarms.since") + " " + ago(a.since))),
      a.acknowledged
        ? el("div", { class: "acked" }, "✓ " + t("alarms.acked") + (a.acknowledgedBy ? " · " + a.acknowledgedBy : ""))
        : el("button", { type: "button", class: "ack danger", onclick: () => acknowledge(a.alarmId) }, t("alarms.ack")))));
  }

  async function acknowledge(alarmId) {
    try {
      const answer = await api("/api/alarms/ack", { alarmId });
      flash(answer.accepted ? t("alarms.ackDone") : t("alarms.ackRefused"));
      await refresh(true);
    } catch (e) {
      if (e instanceof Unauthorized) {
        showLogin(true);
      } else {
        flash(t("error.failed", { msg: e.message }));
      }
    }
  }

  function flash(text) {
    $("updated").textContent = text;
  }

  /** Each device's link health, from the parts that report devices (Modbus diagnostics, meters). */
  function deviceHealth() {
    const health = {};
    ((status.modbus || {}).endpoints || []).forEach((e) => (e.devices || []).forEach((d) => { health[d.device] = d; }));
    ((status.meters || {}).meters || []).forEach((m) => {
      health[m.device] = { device: m.device, link: m.link, state: m.communicating ? "ok" : "failing",
        transactions: m.polls, timeouts: m.failures, lastError: m.lastFailure ? { error: m.lastFailure } : undefined };
    });
    return health;
  }

  function renderDevices() {
    const byDevice = {};
    readings.forEach((r) => { (byDevice[r.device || r.channel] = byDevice[r.device || r.channel] || []).push(r); });
    const health = deviceHealth();
    Object.keys(health).forEach((d) => { byDevice[d] = byDevice[d] || []; });
    const names = Object.keys(byDevice).sort();
    if (names.length === 0) {
      notice($("devices"), t("devices.none"), "muted");
      return;
    }
    fill($("devices"), names.map((name) => deviceCard(name, byDevice[name], health[name])));
  }

  function deviceCard(name, points, h) {
    const stats = [];
    if (h) {
      stats.push(el("span", { class: "state " + h.state }, t("device.state." + h.state)));
      if (h.link) {
        stats.push(el("span", {}, t("device.link") + " " + h.link + (h.unitId !== undefined ? " · " + t("device.unit") + " " + h.unitId : "")));
      }
      [["device.transactions", h.transactions], ["device.timeouts", h.timeouts], ["device.crcErrors", h.crcErrors],
        ["device.ioErrors", h.ioErrors]].forEach(([k, v]) => {
        if (v !== undefined) {
          stats.push(el("span", { class: k === "device.transactions" || !v ? "" : "warn-text" }, t(k) + " " + v));
        }
      });
      if (h.latency && h.latency.samples) {
        stats.push(el("span", {}, t("device.latency") + " " + h.latency.p50Ms + "/" + h.latency.p95Ms + " ms"));
      }
    }
    return el("div", { class: "card device", "data-device": name },
      el("h2", {}, name),
      el("div", { class: "stats" }, stats),
      h && h.hint ? el("p", { class: "hint" }, t("device.hint") + ": " + h.hint) : null,
      h && h.state === "failing" && h.lastError ? el("p", { class: "muted small" }, t("device.lastError") + ": " + h.lastError.error) : null,
      points.length === 0 ? null : el("table", { class: "points" },
        el("thead", {}, el("tr", {}, el("th", {}, t("col.point")), el("th", {}, t("col.value")),
          el("th", {}, t("col.quality")), el("th", {}, t("col.updated")))),
        el("tbody", {}, points.map((r) => el("tr", { "data-channel": r.channel, class: "q-" + r.quality },
          el("td", {}, r.point || r.channel),
          el("td", { class: "value" }, r.value === undefined ? "—" : number(r.value, r.decimals) + (r.unit ? " " + r.unit : "")),
          el("td", {}, t("quality." + r.quality) + (r.reason ? " · " + r.reason : "")),
          el("td", { class: "muted" }, ago(r.ts)))))));
  }

  function renderStatus() {
    // the site bundle's part: {state, inForce:{file,sha256,appliedAt}|null, rejected:{file,at,problems[]}|null}
    const site = status.site;
    const rejected = site && site.rejected ? site.rejected : null;
    const problems = rejected && Array.isArray(rejected.problems) ? rejected.problems : [];
    $("site-card").hidden = problems.length === 0;
    fill($("site-problems"), problems.map((p) => el("li", {},
      el("code", {}, (p.file || "") + (p.line ? ":" + p.line : "") + (p.field ? " " + p.field : "")), " ", p.message || p.text || "")));
    if (site) {
      const facts = [["state", site.state]];
      if (site.inForce) {
        facts.push(["in force", site.inForce.file + " (" + site.inForce.appliedAt + ")"]);
      }
      if (rejected) {
        facts.push(["rejected", rejected.file + " (" + rejected.at + ")"]);
      }
      $("site-info").textContent = facts.map(([k, v]) => k + ": " + v).join(" · ");
    }
    const uplink = status.uplink || {};
    facts($("uplink"), Object.entries(uplink).map(([k, v]) => [k, k === "connected" ? t(v ? "uplink.connected" : "uplink.disconnected") : v]));
    facts($("store"), Object.entries(status.store || {}));
    const packages = ((status.deploy || {}).packages || []);
    fill($("packages"), packages.length ? packages.map((p) => el("li", {}, p.name + " " + p.version)) : el("li", { class: "muted" }, t("system.none")));
    fill($("status-parts"), Object.keys(status).sort().map((name) => el("details", {},
      el("summary", {}, name), el("pre", {}, JSON.stringify(status[name], null, 2)))));
    $("command-list").textContent = commands.join(", ");
    const outputStates = ((status.gpio || {}).outputs) || {};
    $("outputs-card").hidden = Object.keys(outputStates).length === 0;
    fill($("outputs"), Object.keys(outputStates).sort().map((name) => {
      const o = outputStates[name];
      return el("li", { "data-output": name, class: o.on ? "on" : "off" },
        el("strong", {}, name), " · GPIO " + o.pin + " · ",
        el("span", { class: "output-state" }, t(o.on ? "outputs.on" : "outputs.off")),
        o.alarmId ? el("span", { class: "muted small" }, " · " + t("outputs.heldBy", { id: o.alarmId })) : null);
    }));
    const outputs = Object.keys(outputStates);
    const select = $("output-select");
    if (select.options.length !== outputs.length || outputs.some((o, i) => select.options[i].value !== o)) {
      fill(select, outputs.map((o) => el("option", { value: o }, o)));
    }
    const devices = Object.keys(deviceHealth()).sort();
    document.querySelectorAll(".device-select").forEach((s) => {
      const chosen = s.value;
      if (s.options.length !== devices.length + 1) {
        fill(s, el("option", { value: "" }, t("field.noDevice")), devices.map((d) => el("option", { value: d }, d)));
        s.value = chosen;
      }
    });
    const links = ((status.modbus || {}).endpoints || []).map((e) => e.link);
    fill($("links"), [...new Set(links)].map((l) => el("option", { value: l })));
  }

  // ---- tools -----------------------------------------------------------------------------------------------------
  function offerTools() {
    document.querySelectorAll("form.tool").forEach((form) => { form.hidden = !commands.includes(form.dataset.command); });
  }

  function formArgs(form) {
    const args = {};
    new FormData(form).forEach((v, k) => { if (typeof v === "string") { args[k] = v; } });
    return args;
  }

  function tool(formId, run) {
    $(formId).addEventListener("submit", async (event) => {
      event.preventDefault();
      const form = event.target;
      const result = form.querySelector(".result");
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      result.classList.add("busy");
      try {
        await run(formArgs(form), result, form);
      } catch (e) {
        if (e instanceof Unauthorized) {
          showLogin(true);
        } else {
          notice(result, t("error.failed", { msg: e.message }), "error");
        }
      } finally {
        button.disabled = false;
        result.classList.remove("busy");
      }
    });
  }

  function outcome(answer, result) {
    if (answer.outcome && answer.outcome !== "answered") {
      notice(result, t("outcome." + answer.outcome, answer) + (answer.detail ? " — " + answer.detail : ""), "error");
      return false;
    }
    return true;
  }

  function scanSummary(scan) {
    return el("div", { class: "scan" },
      scan.line ? el("h3", {}, scan.line) : null,
      (scan.present || []).length
        ? el("p", {}, t("scan.found") + ": ", el("strong", { class: "found" }, scan.present.join(", ")))
        : el("p", { class: "muted" }, t("scan.none")),
      (scan.garbled || []).length ? el("p", { class: "warn-text" }, t("scan.garbled") + ": " + scan.garbled.join(", ")) : null,
      scan.exceptions ? el("p", { class: "muted small" }, Object.entries(scan.exceptions).map(([u, x]) => u + ": " + x).join(" · ")) : null,
      el("p", { class: "muted small" }, t("scan.elapsed", { ms: scan.elapsedMs || 0, n: scan.connectionsOpened || 0 })));
  }

  function rawTables(answer) {
    if (answer.bits) {
      return el("table", { class: "raw" }, el("tbody", {}, answer.bits.map((b) =>
        el("tr", {}, el("td", {}, b.register), el("td", {}, b.value ? "1" : "0")))));
    }
    const words = el("table", { class: "raw words" },
      el("thead", {}, el("tr", {}, ["register", "hex", "uint16", "int16", "text"].map((h) => el("th", {}, h)))),
      el("tbody", {}, answer.words.map((w) => el("tr", {}, el("td", {}, w.register), el("td", { class: "mono" }, w.hex),
        el("td", {}, w.uint16), el("td", {}, w.int16), el("td", { class: "mono" }, w.text)))));
    const orders = ["ABCD", "CDAB", "BADC", "DCBA"];
    const types = ["float32", "int32", "uint32", "float64", "int64", "uint64"];
    const rows = [];
    answer.decodings.forEach((d) => types.filter((type) => d[type]).forEach((type) => rows.push(
      el("tr", {}, el("td", {}, d.register), el("td", {}, type), orders.map((o) => el("td", { class: "mono" }, String(d[type][o])))))));
    const decodings = el("table", { class: "raw decodings" },
      el("thead", {}, el("tr", {}, el("th", {}, "register"), el("th", {}, "type"), orders.map((o) => el("th", {}, o)))),
      el("tbody", {}, rows));
    return [el("h3", {}, t("read.words")), el("div", { class: "scroll" }, words),
      rows.length ? [el("h3", {}, t("read.decodings")), el("div", { class: "scroll" }, decodings)] : null];
  }

  function confirmDialog(text) {
    return new Promise((resolve) => {
      const dialog = $("confirm");
      $("confirm-text").textContent = text;
      dialog.addEventListener("close", () => resolve(dialog.returnValue === "yes"), { once: true });
      dialog.showModal();
    });
  }

  function wireTools() {
    tool("scan-form", async (args, result) => {
      const answer = await command("modbus-scan", args);
      fill(result, answer.scans ? answer.scans.map(scanSummary) : scanSummary(answer));
    });
    tool("read-form", async (args, result) => {
      if (args.device) {
        delete args.link;
        delete args.unit;
      }
      const answer = await command("modbus-read", args);
      if (outcome(answer, result)) {
        fill(result, el("p", { class: "muted small" }, answer.link + " · unit " + answer.unit + " · " + answer.elapsedMs + " ms"),
          rawTables(answer));
      }
    });
    tool("point-form", async (args, result) => {
      if (args.device) {
        delete args.link;
        delete args.unit;
        delete args.profile;
      }
      const answer = await command("modbus-read-point", args);
      if (outcome(answer, result)) {
        fill(result, el("p", { class: "big" }, answer.point + " = ",
          el("strong", { class: "point-value" }, number(answer.value, answer.decimals) + (answer.unitOfMeasure ? " " + answer.unitOfMeasure : ""))),
          el("p", { class: "muted small" }, [answer.profile, answer.type, answer.wordOrder, "register " + answer.register,
            (answer.words || []).join(" "), t("quality." + answer.quality)].join(" · ")));
      }
    });
    tool("pulse-form", async (args, result) => {
      if (!await confirmDialog(t("pulse.confirm", { name: args.output, s: args.seconds }))) {
        return;
      }
      const answer = await command("gpio-pulse", { ...args, confirm: args.output });
      notice(result, t("pulse.done", { name: answer.output, s: answer.seconds }), "ok");
    });
    tool("meter-form", async (args, result) => {
      const answer = await command("meter-discover", args);
      notice(result, answer.protocol + " " + answer.address, "ok");
    });
    tool("site-form", async (args, result) => {
      const answer = await command("site-validate", { text: $("site-text").value });
      showSiteCheck(answer, result);
    });
    $("site-apply").addEventListener("click", async () => {
      const result = $("site-result");
      if (!await confirmDialog(t("sitefile.confirm"))) {
        return;
      }
      try {
        const answer = await command("site-apply", { text: $("site-text").value });
        showSiteCheck(answer, result);
        if (answer.applied) {
          result.append(el("p", { class: "ok" }, t("sitefile.applied", { file: answer.file })));
        }
      } catch (e) {
        notice(result, t("error.failed", { msg: e.message }), "error");
      }
    });
    $("site-text").addEventListener("input", () => { $("site-apply").disabled = true; });
    $("site-upload").addEventListener("change", async (event) => {
      const file = event.target.files[0];
      if (file) {
        $("site-text").value = await file.text();
        $("site-apply").disabled = true;
        $("site-form").requestSubmit();
      }
    });
  }

  function showSiteCheck(answer, result) {
    $("site-apply").disabled = !answer.valid;
    if (answer.valid) {
      notice(result, t("sitefile.valid", answer), "ok");
      return;
    }
    fill(result, el("p", { class: "error" }, t("sitefile.invalid", { n: answer.problems.length })),
      el("ul", { class: "problems" }, answer.problems.map((p) => el("li", {},
        el("code", {}, p.file + (p.line ? ":" + p.line : "") + (p.field ? " " + p.field : "")), " ", p.message))));
  }

  // ---- wiring ----------------------------------------------------------------------------------------------------
  function wire() {
    $("lang").addEventListener("click", () => {
      lang = lang === "zh" ? "en" : "zh";
      localStorage.setItem(LANG_KEY, lang);
      translate();
      refresh(true);
    });
    $("logout").addEventListener("click", () => {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin(false);
    });
    $("login-form").addEventListener("submit", (event) => {
      event.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, $("token").value);
      $("token").value = "";
      start();
    });
    document.querySelectorAll("#tabs button").forEach((button) => button.addEventListener("click", () => {
      document.querySelectorAll("#tabs button").forEach((b) => b.classList.toggle("active", b === button));
      document.querySelectorAll(".tab").forEach((s) => { s.hidden = s.id !== "tab-" + button.dataset.tab; });
    }));
    wireTools();
  }

  document.addEventListener("DOMContentLoaded", () => {
    translate();
    wire();
    tokenFromAddress();
    start();
  });
})();
