// The catalogue's side of the form editor (Decap CMS, loaded before this module by index.html).
//
// - The `katalog-yml` file format: reads a source file into the form (the short forms the format allows,
//   `disahkan_oleh: Camat`, shown as their mapping) and writes it back with the least change. An edit of
//   values only replaces those values in the original text, so every comment, blank line, quote style and
//   key order stays; adding or removing keys or list items edits the parsed document (comments on what is
//   kept stay, spacing before end-of-line comments is normalised). A new file is written in the format's
//   key order.
// - The `katalog-pilihan` widget: a value chosen from another key of the same SOP (a step's performer from
//   its `pelaksana`, a decision's Ya/Tidak from the step numbers), refusing any other.
// - The preview: the SOP's last built page (the site's own table, flowchart and CSS) in a frame; under
//   `make edit` the page reloads itself when the live preview rebuilds after a save.
// - Indonesian labels for Decap's own interface (the parts the editor uses; the rest falls back to English).
// The configuration is generated from the source format by catalogue/source/editor_config.py.
import { YAML } from "./yaml/index.js";

const CMS = window.CMS;
const h = window.h;
const createClass = window.createClass;
const FORMAT = "katalog-yml";
const SOURCE_KEY = "__katalog_sumber";
const KIND_KEY = "__katalog_jenis";
const SHORTHAND = "katalog_singkat";

// ---- reading and writing files -------------------------------------------------------------------------

let shorthandKeys = new Set();
let topOrder = [];

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isEmpty(value) {
  return (
    value === undefined ||
    value === null ||
    value === "" ||
    (Array.isArray(value) && value.length === 0) ||
    (isObject(value) && Object.keys(value).length === 0)
  );
}

// The form's view of a value: scalars as text (the format has no numbers: `no: 1` is the text "1"), short
// forms as their mapping.
function expand(value, field) {
  if (value === null || value === undefined) return value;
  const widget = field && field.widget;
  if (widget === "object" || (field && field.fields && widget !== "list")) {
    if (!isObject(value) && field[SHORTHAND]) value = { [field[SHORTHAND]]: value };
    return isObject(value) ? expandFields(value, field.fields) : value;
  }
  if (widget === "list") {
    if (!Array.isArray(value)) value = [value];
    if (field.fields) {
      return value.map((item) => {
        if (!isObject(item) && field[SHORTHAND]) item = { [field[SHORTHAND]]: item };
        return isObject(item) ? expandFields(item, field.fields) : item;
      });
    }
    return value.map((item) => (isObject(item) || Array.isArray(item) ? item : String(item)));
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return value;
}

function expandFields(data, fields) {
  const out = {};
  const byName = Object.fromEntries((fields || []).map((f) => [f.name, f]));
  for (const [key, value] of Object.entries(data)) out[key] = expand(value, byName[key]);
  return out;
}

// The value as the file should say it: empty optional keys dropped, a mapping holding only its short-form
// key written as that text, keys in the format's order.
function compact(value, order) {
  if (Array.isArray(value)) {
    const items = value.map((item) => compact(item, order && order.items)).filter((item) => !isEmpty(item));
    return items;
  }
  if (isObject(value)) {
    const keys = Object.keys(value).filter((k) => k !== SOURCE_KEY && k !== KIND_KEY);
    const known = order ? order.keys : [];
    keys.sort((a, b) => rank(known, a) - rank(known, b));
    const out = {};
    for (const key of keys) {
      const item = compact(value[key], order && order.children[key]);
      if (!isEmpty(item)) out[key] = item;
    }
    const left = Object.keys(out);
    if (left.length === 1 && shorthandKeys.has(left[0]) && order && order.shorthand === left[0]) {
      return out[left[0]];
    }
    return out;
  }
  if (typeof value === "string") return value;
  return value;
}

function rank(keys, key) {
  const i = keys.indexOf(key);
  return i < 0 ? keys.length : i;
}

// The key order (and short-form key) of every mapping, from the configuration's fields.
function orderOf(fields, shorthand) {
  const order = { keys: fields.map((f) => f.name), children: {}, shorthand };
  for (const f of fields) {
    if (f.fields && f.widget === "list") order.children[f.name] = { items: orderOf(f.fields, f[SHORTHAND]) };
    else if (f.fields) order.children[f.name] = orderOf(f.fields, f[SHORTHAND]);
  }
  return order;
}

// Two values say the same thing (text "1" and number 1; a short form and its mapping).
function same(a, b, order) {
  return JSON.stringify(canonical(a, order)) === JSON.stringify(canonical(b, order));
}

function canonical(value, order) {
  if (Array.isArray(value)) return compact(value.map((v) => canonical(v, order && order.items)), order);
  if (isObject(value)) {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = canonical(v, order && order.children[k]);
    return compact(out, order);
  }
  if (value === null || value === undefined) return value;
  return String(value);
}

function scalarText(value, node) {
  const text = String(value);
  if (node.type === "QUOTE_SINGLE") return "'" + text.replace(/'/g, "''") + "'";
  if (node.type === "PLAIN") {
    try {
      const parsed = YAML.parse("x: " + text);
      if (parsed && parsed.x === text && !/[\n#]/.test(text) && text.trim() === text && text !== "") return text;
    } catch (e) {
      /* falls through to a quoted text */
    }
  }
  return JSON.stringify(text);
}

// Compare the file's data with the form's; collect value edits (text ranges) and structural edits.
function diff(doc, old, fresh, path, order, edits) {
  if (same(old, fresh, order)) return;
  if (isObject(old) && isObject(fresh)) {
    for (const key of Object.keys(old)) {
      const child = order && order.children[key];
      if (!(key in fresh) || isEmpty(canonical(fresh[key], child))) {
        if (!isEmpty(canonical(old[key], child))) edits.structure.push(() => doc.deleteIn([...path, key]));
      }
    }
    for (const key of Object.keys(fresh)) {
      const child = order && order.children[key];
      if (key in old) diff(doc, old[key], fresh[key], [...path, key], child, edits);
      else if (!isEmpty(canonical(fresh[key], child)))
        edits.structure.push(() => insertKey(doc, path, key, compact(fresh[key], child), order));
    }
    return;
  }
  if (Array.isArray(old) && Array.isArray(fresh)) {
    const items = order && order.items;
    const common = Math.min(old.length, fresh.length);
    for (let i = 0; i < common; i++) diff(doc, old[i], fresh[i], [...path, i], items, edits);
    for (let i = old.length - 1; i >= fresh.length; i--) edits.structure.push(() => doc.deleteIn([...path, i]));
    for (let i = common; i < fresh.length; i++) {
      const item = compact(fresh[i], items);
      edits.structure.push(() => doc.addIn(path, item));
    }
    return;
  }
  const node = doc.getIn(path, true);
  const isScalar = !isObject(fresh) && !Array.isArray(fresh) && node && node.cstNode && node.cstNode.valueRange;
  if (isScalar && !isObject(old) && !Array.isArray(old)) {
    const range = node.cstNode.valueRange;
    edits.text.push({ start: range.start, end: range.end, text: scalarText(fresh, node), node, value: fresh });
  } else {
    edits.structure.push(() => doc.setIn(path, compact(fresh, order)));
  }
}

function insertKey(doc, path, key, value, order) {
  const map = path.length ? doc.getIn(path, true) : doc.contents;
  const keys = order ? order.keys : [];
  const pair = doc.schema.createPair(key, value);
  let at = map.items.length;
  for (let i = 0; i < map.items.length; i++) {
    const other = map.items[i].key && (map.items[i].key.value ?? map.items[i].key);
    if (rank(keys, String(other)) > rank(keys, key)) {
      at = i;
      break;
    }
  }
  map.items.splice(at, 0, pair);
}

function toFile(data, order) {
  const source = data[SOURCE_KEY];
  const fresh = compact(data, order);
  if (!source) return YAML.stringify(fresh);
  const doc = YAML.parseDocument(source, { keepCstNodes: true });
  const old = doc.toJSON();
  const edits = { text: [], structure: [] };
  diff(doc, old, fresh, [], order, edits);
  if (edits.structure.length === 0) {
    let text = source;
    for (const edit of edits.text.sort((a, b) => b.start - a.start)) {
      text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    }
    return text;
  }
  for (const edit of edits.text) edit.node.value = edit.value; // keeps the node's comment
  for (const apply of edits.structure) apply();
  return String(doc);
}

function registerFormat(config) {
  const orders = {};
  for (const collection of config.collections) {
    const fields = collection.fields || (collection.files && collection.files[0].fields) || [];
    orders[collection.name] = orderOf(fields);
    walkShorthands(fields);
  }
  topOrder = Object.values(orders)[0] || { keys: [], children: {} };
  const fieldsFor = (data) => (data && ("langkah" in data || "nomor" in data) ? "sop" : "instansi");
  const sopCollection = config.collections.find((c) => c.folder);
  const agencyCollection = config.collections.find((c) => c.files);
  CMS.registerCustomFormat(FORMAT, "yml", {
    fromFile(content) {
      const data = YAML.parse(content) || {};
      const kind = fieldsFor(data);
      const fields = kind === "sop" ? sopCollection && sopCollection.fields : agencyCollection.files[0].fields;
      const out = expandFields(data, fields || []);
      out[SOURCE_KEY] = content;
      if (kind === "sop") out[KIND_KEY] = "sop";
      return out;
    },
    toFile(data) {
      const order = fieldsFor(data) === "sop" && sopCollection ? orders[sopCollection.name] : orders.instansi;
      return toFile(data, order || topOrder);
    },
  });
}

function walkShorthands(fields) {
  for (const f of fields || []) {
    if (f[SHORTHAND]) shorthandKeys.add(f[SHORTHAND]);
    if (f.fields) walkShorthands(f.fields);
  }
}

// ---- a value chosen from another key of the same SOP ----------------------------------------------------

function choicesOf(entry, field) {
  const data = entry && entry.get("data");
  const from = field.get("choices_from");
  const extra = field.get("extra_choices");
  let values = [];
  if (data && from) {
    const [listKey, itemKey] = from.split(".");
    const list = data.get(listKey);
    if (list && list.toJS) {
      values = list.toJS().map((item) => (itemKey ? item && item[itemKey] : item));
    }
  }
  values = values.filter((v) => v !== undefined && v !== null && String(v).trim() !== "").map(String);
  if (extra && extra.toJS) values = values.concat(extra.toJS());
  return [...new Set(values)];
}

const ChoiceControl = createClass({
  shouldComponentUpdate() {
    return true; // the choices live in another field: render again on every change of the entry
  },
  choices() {
    const entry = this.props.getEntry ? this.props.getEntry() : this.props.entry;
    return choicesOf(entry, this.props.field);
  },
  isValid() {
    const value = this.props.value;
    if (value === undefined || value === null || value === "") return true;
    const choices = this.choices();
    if (choices.includes(String(value))) return true;
    const from = this.props.field.get("choices_from");
    return {
      error: {
        type: "katalog-pilihan",
        message: `'${value}' bukan salah satu nilai '${from}' SOP ini (${choices.join(", ") || "belum ada"}).`,
      },
    };
  },
  render() {
    const { value, onChange, forID, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
    const current = value === undefined || value === null ? "" : String(value);
    const choices = this.choices();
    const options = [h("option", { key: "", value: "" }, "— pilih —")];
    if (current && !choices.includes(current)) {
      options.push(h("option", { key: "?" + current, value: current }, `${current} (tidak ada dalam daftar)`));
    }
    for (const choice of choices) {
      const label = choice === "-" ? "- (prosedur selesai)" : choice;
      options.push(h("option", { key: choice, value: choice }, label));
    }
    return h(
      "select",
      {
        id: forID,
        className: classNameWrapper,
        value: current,
        onChange: (event) => onChange(event.target.value),
        onFocus: () => {
          setActiveStyle && setActiveStyle();
          this.forceUpdate();
        },
        onBlur: setInactiveStyle,
      },
      options,
    );
  },
});

const ChoicePreview = createClass({
  render() {
    return h("span", {}, this.props.value || "");
  },
});

// ---- preview: the SOP's last built page -------------------------------------------------------------

function previewFor(collection) {
  // content/sops/<pemda>/<instansi> → the page /<pemda>/<instansi>/<slug>/ (catalogue/urls.py).
  const agencyPath = collection.folder.split("/").slice(-2).join("/");
  return createClass({
    render() {
      const entry = this.props.entry;
      if (entry.get("newRecord")) {
        return h(
          "p",
          { style: { font: "16px sans-serif", padding: "1em" } },
          "Simpan SOP ini untuk melihat halamannya: tabel prosedur dan bagan alir dibangun dari berkas yang tersimpan.",
        );
      }
      const page = new URL(`../${agencyPath}/${entry.get("slug")}/`, window.location.href).href;
      return h("div", { style: { font: "14px sans-serif" } }, [
        h(
          "p",
          { key: "note", style: { margin: "0 0 .5em" } },
          "Halaman terakhir yang dibangun dari berkas tersimpan; perubahan tampil setelah disimpan. ",
          h("a", { href: page, target: "_blank", rel: "noopener" }, "Buka halaman"),
        ),
        h("iframe", {
          key: "page",
          src: page,
          title: "Pratinjau halaman SOP",
          style: { width: "100%", height: "85vh", border: "1px solid #ccc" },
        }),
      ]);
    },
  });
}

// ---- Decap's interface in Indonesian (what the editor uses; the rest stays English) ---------------------

const ID = {
  auth: { login: "Masuk", loggingIn: "Sedang masuk...", loginWithGitHub: "Masuk dengan GitHub",
    loginWithGitLab: "Masuk dengan GitLab", loginWithGitea: "Masuk dengan Gitea" },
  app: {
    header: { content: "Isi", workflow: "Alur kerja", media: "Media", quickAdd: "Tambah cepat" },
    app: { errorHeader: "Konfigurasi penyunting tidak dapat dimuat", configErrors: "Kesalahan konfigurasi",
      checkConfigYml: "Periksa konfigurasi.", loadingConfig: "Memuat konfigurasi...",
      waitingBackend: "Menunggu server penyimpanan..." },
    notFoundPage: { header: "Tidak ditemukan" },
  },
  collection: {
    sidebar: { collections: "Instansi", allCollections: "Semua instansi", searchAll: "Cari di semua",
      searchIn: "Cari di" },
    collectionTop: { sortBy: "Urutkan", viewAs: "Tampilan", viewAsList: "Daftar", viewAsGrid: "Kisi",
      newButton: "＋ %{collectionLabel} baru", newButtonAriaLabel: "Buat %{collectionLabel} baru",
      ascending: "Naik", descending: "Turun", searchResults: "Hasil pencarian \"%{searchTerm}\"",
      searchResultsInCollection: "Hasil pencarian \"%{searchTerm}\" di %{collection}",
      filterBy: "Saring", groupBy: "Kelompokkan" },
    entries: { loadingEntries: "Memuat SOP...", cachingEntries: "Menyiapkan SOP...",
      longerLoading: "Ini dapat memakan waktu beberapa menit", noEntries: "Belum ada SOP",
      unpublishedHeader: "Belum diterbitkan" },
    groups: { other: "Lainnya", negateLabel: "Bukan %{label}" },
    defaultFields: { author: { label: "Penulis" }, updatedOn: { label: "Diperbarui" } },
  },
  editor: {
    editorControl: { field: { optional: "tidak wajib", widgetLabel: "isian %{widgetLabel}" } },
    editorControlPane: {
      widget: {
        required: "%{fieldLabel} wajib diisi.",
        regexPattern: "%{fieldLabel} tidak sesuai format: %{pattern}",
        processing: "%{fieldLabel} sedang diproses.",
        range: "%{fieldLabel} harus antara %{minValue} dan %{maxValue}.",
        min: "%{fieldLabel} sedikitnya %{minValue}.",
        max: "%{fieldLabel} paling banyak %{maxValue}.",
        rangeCount: "%{fieldLabel} harus berisi %{minCount} sampai %{maxCount} butir.",
        rangeCountExact: "%{fieldLabel} harus berisi tepat %{count} butir.",
        rangeMin: "%{fieldLabel} harus berisi sedikitnya %{minCount} butir.",
        rangeMax: "%{fieldLabel} paling banyak berisi %{maxCount} butir.",
        invalidPath: "'%{path}' bukan jalur yang valid",
        pathExists: "Jalur '%{path}' sudah ada",
      },
    },
    editor: {
      onLeavePage: "Tinggalkan halaman ini? Perubahan yang belum disimpan akan hilang.",
      onDeletePublishedEntry: "Hapus SOP ini?",
      loadingEntry: "Memuat SOP...",
      confirmLoadBackup: "Ada cadangan lokal untuk SOP ini. Pakai cadangan itu?",
    },
    editorInterface: { togglePreview: "Tampilkan/sembunyikan pratinjau", toggleScrollSync: "Gulir bersama" },
    editorToolbar: {
      publishing: "Menyimpan...", publish: "Simpan", published: "Tersimpan", duplicate: "Gandakan",
      publishAndCreateNew: "Simpan dan buat baru", publishAndDuplicate: "Simpan dan gandakan",
      deleteEntry: "Hapus", deletePublishedEntry: "Hapus", saving: "Menyimpan...", save: "Simpan",
      deleting: "Menghapus...", updating: "Memperbarui...", status: "Status: %{status}",
      backCollection: " Menyunting di %{collectionLabel}", unsavedChanges: "Belum disimpan",
      changesSaved: "Perubahan tersimpan", draft: "Draf", publishNow: "Simpan sekarang",
      deployButtonLabel: "Lihat di situs",
    },
    editorWidgets: {
      list: { add: "Tambah %{item}", addType: "Tambah %{item}" },
      object: { expand: "Buka", collapse: "Tutup" },
      unknownControl: { noControl: "Tidak ada isian untuk widget '%{widget}'." },
    },
  },
  ui: {
    default: { goBackToSite: "Kembali ke situs" },
    errorBoundary: { title: "Kesalahan", detailsHeading: "Rincian" },
    settingsDropdown: { logOut: "Keluar" },
    toast: {
      onFailToLoadEntries: "Gagal memuat SOP: %{details}",
      onFailToPersist: "Gagal menyimpan: %{details}",
      onFailToDelete: "Gagal menghapus: %{details}",
      missingRequiredField: "Ada isian wajib yang belum diisi atau belum benar. Lengkapi sebelum menyimpan.",
      entrySaved: "SOP tersimpan",
      entryPublished: "SOP tersimpan",
      onFailToPublishEntry: "Gagal menyimpan: %{details}",
      onFailToAuth: "%{details}",
      onLoggedOut: "Anda telah keluar; simpan salinan data lalu masuk kembali",
    },
  },
};

// ---- start ----------------------------------------------------------------------------------------------

async function start() {
  const response = await fetch("config.json", { cache: "no-store" });
  const config = await response.json();
  CMS.registerLocale("id", ID);
  registerFormat(config);
  CMS.registerWidget("katalog-pilihan", ChoiceControl, ChoicePreview);
  for (const collection of config.collections) {
    if (collection.folder) CMS.registerPreviewTemplate(collection.name, previewFor(collection));
  }
  CMS.init({ config });
}

start();
