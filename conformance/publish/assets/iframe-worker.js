/* recbench: search from file://. Browsers refuse to start a Worker from a file: URL, so on
   file: pages the search worker runs in a hidden iframe of the page's own origin instead, and
   messages pass between the two as MessageEvents. Named so that mkdocs-material's offline plugin
   sees a worker shim is present and adds none from elsewhere. Written for recbench. */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;
  function FrameWorker(url) {
    var target = new EventTarget();
    var self = this;
    var ready = false;
    var waiting = [];
    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.setAttribute("aria-hidden", "true");
    (document.body || document.documentElement).appendChild(frame);
    var scope = frame.contentWindow;
    function deliver(data) {
      scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
    }
    scope.postMessage = function (data) {
      var event = new MessageEvent("message", { data: data });
      target.dispatchEvent(event);
      if (typeof self.onmessage === "function") self.onmessage(event);
    };
    scope.importScripts = function () {
      throw new Error("importScripts is not available to a worker run from file://");
    };
    var script = scope.document.createElement("script");
    script.src = new URL(String(url), location.href).href;
    script.onload = function () {
      ready = true;
      waiting.splice(0).forEach(deliver);
    };
    scope.document.head.appendChild(script);
    this.onmessage = null;
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);
    this.postMessage = function (data) {
      if (ready) deliver(data); else waiting.push(data);
    };
    this.terminate = function () { frame.remove(); };
  }
  window.Worker = FrameWorker;
})();
