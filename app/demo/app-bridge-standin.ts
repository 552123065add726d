/**
 * A local stand-in for App Bridge (normally loaded from Shopify's CDN, unreachable here and
 * meaningless outside the admin). It offers the small part of the `shopify` global the pages
 * use (toast, loading, idToken, config) and inert versions of App Bridge's web components, so
 * the embedded pages run in a plain browser in demo mode.
 */
export function appBridgeStandInScript(apiKey: string, shop: string): string {
  return `(() => {
  if (window.shopify && window.shopify.__standIn) return;
  const toastHost = () => {
    let el = document.getElementById("demo-toasts");
    if (!el) {
      el = document.createElement("div");
      el.id = "demo-toasts";
      el.setAttribute("role", "status");
      el.style.cssText = "position:fixed;bottom:24px;left:50%;transform:translateX(-50%);z-index:1000;display:flex;flex-direction:column;gap:8px";
      document.body.appendChild(el);
    }
    return el;
  };
  window.shopify = {
    __standIn: true,
    config: { apiKey: ${JSON.stringify(apiKey)}, shop: ${JSON.stringify(shop)}, locale: "en" },
    environment: { embedded: false, mobile: false, pos: false },
    idToken: async () => "demo-session-token",
    loading: () => {},
    toast: {
      show(message, opts) {
        const t = document.createElement("div");
        t.className = "demo-toast" + (opts && opts.isError ? " demo-toast-error" : "");
        t.textContent = message;
        t.style.cssText = "background:" + (opts && opts.isError ? "#8e1f0b" : "#303030") + ";color:#fff;padding:10px 16px;border-radius:8px;font:14px system-ui";
        toastHost().appendChild(t);
        setTimeout(() => t.remove(), (opts && opts.duration) || 4000);
        return "toast-" + Date.now();
      },
      hide() {},
    },
    modal: { show: async () => {}, hide: async () => {}, toggle: async () => {} },
    saveBar: { show: async () => {}, hide: async () => {}, toggle: async () => {}, leaveConfirmation: async () => {} },
    resourcePicker: async () => undefined,
  };
  for (const tag of ["ui-nav-menu", "ui-title-bar", "ui-save-bar", "ui-modal"]) {
    if (!customElements.get(tag)) customElements.define(tag, class extends HTMLElement { connectedCallback() { if (tag !== "ui-nav-menu") this.style.display = "contents"; else this.style.display = "none"; } });
  }
  document.documentElement.dataset.appBridge = "stand-in";
})();
`;
}
