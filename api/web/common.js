// What the admin and search pages share (plain ES modules, no build step). The chat widget is
// the one classic script: it is embedded on municipalities' pages with one tag, reads its own
// tag's data-* attributes and must load as a single file (see widget.js).

// An element with attributes and children: `class`, `text` and `value` set the property,
// `on<event>` adds a listener, `true` is an empty attribute; null, undefined and false are
// left out, children may be nested arrays.
export function h(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name === "value") node.value = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  return append(node, children);
}

// Replace an element's children (strings become text, never HTML).
export function fill(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export const byId = (id) => document.getElementById(id);

// A date (and, with `time`, the hour) the Belgian way in the page's language.
export function formatDate(iso, lang, { time = false } = {}) {
  if (!iso) return "";
  const locale = lang === "nl" ? "nl-BE" : "fr-BE";
  const style = time ? { dateStyle: "long", timeStyle: "short" } : { dateStyle: "long" };
  return new Intl.DateTimeFormat(locale, style).format(new Date(iso));
}
