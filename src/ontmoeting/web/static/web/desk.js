// The check-in desk on a phone or tablet: scan a badge with the camera, tap a search result, and
// keep every tap on the device until the server has it (the network may drop for a while).
//
// Each tap gets a random key and the device's time, is written to localStorage first, then sent
// in a batch to the desk's sync endpoint (see dayof/sync.py). A tap leaves the queue only when
// the server answered for its key; the key makes a resend count once. Waiting taps are sent
// again on the "online" event, every few seconds and when the page opens.
// Without JavaScript the search and the forms work as before. No inline script anywhere (CSP);
// every sentence comes from the page's data-msg-* attributes (translated by the template).
(() => {
  "use strict";
  const app = document.getElementById("desk-app");
  if (!app) return;
  const STORE = `ontmoeting.desk.${app.dataset.edition}.waiting`;
  const RETRY_MS = 4000;
  const SAME_BADGE_MS = 5000;
  const SCAN_EVERY_MS = 150;
  const BATCH = 50;
  const flashBox = document.getElementById("desk-flash");
  const queueBox = document.getElementById("desk-queue");
  const queueCount = document.getElementById("desk-queue-count");
  const queueList = document.getElementById("desk-queue-list");

  // "%(name)s is here" with {name: "Anna"}; the sentences come from data-msg-* attributes.
  const say = (name, values = {}) =>
    (app.dataset[name] || "").replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));

  // The queue on the device.
  const load = () => {
    try {
      const taps = JSON.parse(localStorage.getItem(STORE) || "[]");
      return Array.isArray(taps) ? taps : [];
    } catch {
      return [];
    }
  };
  const store = (taps) => localStorage.setItem(STORE, JSON.stringify(taps));
  const newKey = () => {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  };
  const clock = (iso) =>
    new Date(iso).toLocaleTimeString(document.documentElement.lang || undefined, {
      hour: "2-digit",
      minute: "2-digit",
    });

  function showQueue() {
    const taps = load();
    queueBox.hidden = taps.length === 0;
    queueBox.dataset.count = String(taps.length);
    queueCount.textContent = say("msgWaiting", { n: taps.length });
    const waitingFor = new Set(taps.map((tap) => String(tap.participant)));
    document.querySelectorAll("[data-participant]").forEach((row) => {
      row.classList.toggle("waiting", waitingFor.has(row.dataset.participant));
    });
    queueList.replaceChildren(
      ...taps.map((tap) => {
        const item = document.createElement("li");
        item.textContent = `${tap.name} · ${say(`msg${tap.kind[0].toUpperCase()}${tap.kind.slice(1)}`)} · ${clock(tap.at)}`;
        return item;
      }),
    );
  }

  // The big result: one line per answer, flashed so it is seen from a distance (no sound).
  function flash(lines) {
    flashBox.replaceChildren(
      ...lines.map(({ text, ok }) => {
        const line = document.createElement("p");
        line.className = ok === "waiting" ? "waiting" : ok ? "success" : "error";
        line.textContent = text;
        return line;
      }),
    );
    flashBox.classList.remove("flash");
    void flashBox.offsetWidth; // restart the animation
    flashBox.classList.add("flash");
  }

  // The search results again, so the buttons show who is present now.
  function refreshResults() {
    const search = document.getElementById("desk-q");
    const form = search && search.form;
    if (!form || !search.value.trim() || !window.htmx) return;
    const url = `${form.action}?${new URLSearchParams({ q: search.value })}`;
    window.htmx.ajax("GET", url, { target: "#desk-results", swap: "outerHTML" });
  }

  let sending = false;
  let failedOnce = false;
  async function send() {
    if (sending) return;
    const waiting = load();
    if (waiting.length === 0) return showQueue();
    sending = true;
    let answered = 0;
    let refused = false;
    try {
      const batch = waiting
        .slice(0, BATCH)
        .map(({ key, kind, participant, token, at }) => ({ key, kind, participant, token, at }));
      const response = await fetch(app.dataset.syncUrl, {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual", // a session gone is sent to the login page: not an answer
        keepalive: true, // leaving the page does not cut a batch in flight
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRFToken": app.dataset.csrf,
        },
        body: JSON.stringify({ taps: batch }),
      });
      if (!response.ok) {
        // Signed out (sent to the login page) or refused (403): the taps wait, the helper knows.
        if (response.type === "opaqueredirect" || response.status < 500) refused = true;
        throw new Error(`sync: ${response.status}`);
      }
      const { results } = await response.json();
      const done = new Set(results.map((r) => r.key));
      store(load().filter((tap) => !done.has(tap.key))); // taps made meanwhile stay
      answered = results.length;
      failedOnce = false;
      flash(results.map((r) => ({ text: r.message, ok: r.ok })));
      refreshResults();
    } catch {
      if (refused) {
        flash([{ text: say("msgRefused"), ok: false }]);
      } else if (!failedOnce) {
        const last = waiting[waiting.length - 1];
        flash([{ text: say("msgQueued", { name: last.name }), ok: "waiting" }]);
      }
      failedOnce = true;
    } finally {
      sending = false;
      showQueue();
    }
    if (answered && load().length) send();
  }

  function queueTap(tap) {
    const waiting = load();
    waiting.push({ key: newKey(), at: new Date().toISOString(), ...tap });
    store(waiting);
    failedOnce = false;
    showQueue();
    send();
  }

  // The buttons of a search result: a tap through the queue instead of a page load.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches(".desk-actions")) return;
    const row = form.closest("[data-participant]");
    const kind = event.submitter && event.submitter.value;
    if (!row || !kind) return;
    event.preventDefault();
    form.querySelectorAll("button").forEach((button) => {
      button.disabled = true; // a double tap is one tap
      setTimeout(() => (button.disabled = false), 1500);
    });
    queueTap({ kind, participant: Number(row.dataset.participant), name: row.dataset.name });
  });

  // The camera: BarcodeDetector where the browser has it, else jsQR served by the app.
  const scanButton = document.getElementById("desk-scan");
  const stopButton = document.getElementById("desk-scan-stop");
  const camera = document.getElementById("desk-camera");
  const video = document.getElementById("desk-video");
  let stream = null;
  let lastBadge = { code: "", time: 0 };

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      if (window.jsQR) return resolve();
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }

  async function makeReader() {
    if ("BarcodeDetector" in window) {
      try {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        if (formats.includes("qr_code")) {
          const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
          return async () => ((await detector.detect(video))[0] || {}).rawValue;
        }
      } catch {
        // fall back to jsQR
      }
    }
    await loadScript(app.dataset.jsqrSrc);
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });
    return async () => {
      const scale = Math.min(1, 800 / (video.videoWidth || 1));
      const width = Math.round(video.videoWidth * scale);
      const height = Math.round(video.videoHeight * scale);
      if (!width || !height) return undefined;
      canvas.width = width;
      canvas.height = height;
      context.drawImage(video, 0, 0, width, height);
      const image = context.getImageData(0, 0, width, height);
      const code = window.jsQR(image.data, width, height, { inversionAttempts: "attemptBoth" });
      return code ? code.data : undefined;
    };
  }

  function onBadge(code) {
    const now = Date.now();
    if (code === lastBadge.code && now - lastBadge.time < SAME_BADGE_MS) return;
    lastBadge = { code, time: now };
    if (!/^\d+:[\w-]+$/.test(code)) {
      flash([{ text: say("msgUnknown"), ok: false }]);
      return;
    }
    queueTap({ kind: "arrive", token: code, name: say("msgBadge") });
  }

  function stopScan() {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.srcObject = null;
    camera.hidden = true;
    scanButton.hidden = false;
  }

  async function startScan() {
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment" },
        audio: false,
      });
      video.srcObject = stream;
      await video.play();
      camera.hidden = false;
      scanButton.hidden = true;
      const read = await makeReader();
      const tick = async () => {
        if (!stream) return;
        try {
          const code = await read();
          if (code) onBadge(code);
        } catch {
          // a frame that cannot be read: the next one
        }
        setTimeout(tick, SCAN_EVERY_MS);
      };
      tick();
    } catch {
      stopScan();
      flash([{ text: say("msgCamera"), ok: false }]);
    }
  }

  app.hidden = false;
  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    scanButton.addEventListener("click", startScan);
    stopButton.addEventListener("click", stopScan);
  } else {
    scanButton.hidden = true; // no camera on this device or page (plain http)
  }
  document.body.addEventListener("htmx:afterSwap", showQueue); // new results, same queue
  window.addEventListener("online", send);
  setInterval(send, RETRY_MS);
  showQueue();
  send();
})();
