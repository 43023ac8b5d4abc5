/* The site's additions to Decap CMS, then its start.
 *
 * - Formats: record files are read and written with js-yaml, whose output
 *   PyYAML (the site's loader, YAML 1.1) reads back as typed: "yes",
 *   "10:30" or "2025-07-05" typed as text stay text. Leading comment lines
 *   (the schema line `congress new` writes, a file's own note) are kept.
 *   Empty optional fields are left out rather than written as "": the
 *   models refuse empty text. Date fields (date pickers in config.yml) are
 *   written as plain dates, as `congress new` writes them; any other text
 *   that looks like a date stays quoted text.
 * - Story file names follow `congress new`: stories/<year>/<MM-DD>-<slug>.md,
 *   the slug from the ASCII words of the title, else story-<6 hex of SHA-1>
 *   (scaffold/slug.py). Decap's path templates cannot compute that, and
 *   read dates in UTC (a day early in Beijing), so the keys the templates
 *   use are set just before saving and never written to the file.
 */
(function () {
  "use strict";

  // Loaded before decap-cms.js: Decap waits for setup() to start it.
  window.CMS_MANUAL_INIT = true;
  var yaml = window.jsyaml;
  var READ = { schema: yaml.CORE_SCHEMA };
  // A date field's value, written unquoted.
  function PlainDate(value) { this.value = value; }
  var plainDate = new yaml.Type("tag:congress.site,2025:date", {
    kind: "scalar", instanceOf: PlainDate, resolve: function () { return false; },
    represent: function (d) { return d.value; }
  });
  var WRITE = { lineWidth: -1, noRefs: true, schema: yaml.DEFAULT_SCHEMA.extend({ implicit: [plainDate] }) };
  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
  // Names of the fields that are date pickers in config.yml (set by setup()).
  var dateKeys = {};
  // Keys only the CMS uses (the story's path, a year file's year, kept
  // comments): never written as data.
  var CMS_KEYS = ["cx_year", "cx_name", "cx_owner", "cx_header"];
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var MAX_SLUG = 60;

  function clean(value, key) {
    if (Array.isArray(value)) {
      return value.map(function (v) { return clean(v); }).filter(function (v) { return v !== undefined; });
    }
    if (value instanceof Date) value = localDate(value);
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) {
        var v = clean(value[k], k);
        if (v !== undefined) out[k] = v;
      });
      return out;
    }
    if (value === null || value === undefined || value === "") return undefined;
    if (key in dateKeys && typeof value === "string" && ISO_DATE.test(value)) return new PlainDate(value);
    return value;
  }

  function ordered(data, keys) {
    var out = {};
    (keys || []).forEach(function (key) {
      if (key in data) out[key] = data[key];
    });
    Object.keys(data).forEach(function (key) {
      if (!(key in out)) out[key] = data[key];
    });
    CMS_KEYS.forEach(function (key) { delete out[key]; });
    return out;
  }

  function localDate(d) {
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  // Comment lines at the top of a file, kept across saves.
  function splitHeader(text) {
    var m = /^(?:[ \t]*#[^\n]*\n)+/.exec(text);
    return m ? [m[0], text.slice(m[0].length)] : ["", text];
  }

  function dump(value) {
    var text = yaml.dump(value, WRITE);
    return text === "{}\n" || text === "[]\n" ? "" : text;
  }

  var yamlObject = {
    fromFile: function (text) {
      var parts = splitHeader(text);
      var data = yaml.load(parts[1], READ) || {};
      if (parts[0]) data.cx_header = parts[0];
      return data;
    },
    toFile: function (data, keys) {
      return (data.cx_header || "") + dump(ordered(clean(data) || {}, keys));
    }
  };

  // A file that is one YAML list, edited as the list field `items`.
  var yamlList = {
    fromFile: function (text) {
      var parts = splitHeader(text);
      var data = { items: yaml.load(parts[1], READ) || [] };
      if (parts[0]) data.cx_header = parts[0];
      return data;
    },
    toFile: function (data) {
      return (data.cx_header || "") + yaml.dump(clean(data.items || []) || [], WRITE);
    }
  };

  var FRONT = /^---[ \t]*\r?\n([\s\S]*?)^---[ \t]*(?:\r?\n|$)/m;

  var frontMatter = {
    fromFile: function (text) {
      var m = FRONT.exec(text);
      if (!m || m.index !== 0) return { body: text };
      var parts = splitHeader(m[1]);
      var data = yaml.load(parts[1], READ) || {};
      if (parts[0]) data.cx_header = parts[0];
      data.body = text.slice(m[0].length).replace(/^(?:[ \t]*\r?\n)+/, "");
      return data;
    },
    toFile: function (data, keys) {
      var meta = ordered(clean(data) || {}, keys);
      delete meta.body;
      var body = String(data.body || "").replace(/\s+$/, "");
      var head = "---\n" + (data.cx_header || "") + dump(meta) + "---\n";
      return body ? head + "\n" + body + "\n" : head;
    }
  };

  // A document that is Markdown only (a law's text beside its record).
  var markdown = {
    fromFile: function (text) { return { body: text }; },
    toFile: function (data) { return String(data.body || "").replace(/\s+$/, "") + "\n"; }
  };

  async function sha1Hex(text) {
    var digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
    return Array.from(new Uint8Array(digest)).map(function (b) {
      return b.toString(16).padStart(2, "0");
    }).join("");
  }

  // scaffold/slug.py derive_slug, line for line.
  async function deriveSlug(title, date) {
    var words = title.toLowerCase().match(/[a-z0-9]+/g) || [];
    var letters = words.reduce(function (n, w) { return n + w.length; }, 0);
    if (words.length && letters >= 4) {
      var slug = words.join("-").slice(0, MAX_SLUG).replace(/^-+|-+$/g, "");
      if (SLUG.test(slug) && slug.length <= MAX_SLUG) return slug;
    }
    return "story-" + (await sha1Hex(date + "|" + title)).slice(0, 6);
  }

  function dateText(value) {
    if (value instanceof Date) return localDate(value);
    return String(value || "").slice(0, 10);
  }

  async function storyPath(event) {
    var entry = event.entry;
    if (entry.get("collection") !== "stories") return undefined;
    var data = entry.get("data");
    var date = dateText(data.get("date"));
    var slug = await deriveSlug(String(data.get("title") || ""), date);
    return data.set("cx_year", date.slice(0, 4)).set("cx_name", date.slice(5, 7) + "-" + date.slice(8, 10) + "-" + slug);
  }

  function collectDateKeys(fields) {
    (fields || []).forEach(function (f) {
      if (f.widget === "datetime") dateKeys[f.name] = true;
      collectDateKeys(f.fields);
      if (f.field) collectDateKeys([f.field]);
    });
  }

  async function setup() {
    var CMS = window.CMS;
    try {
      var link = document.querySelector("link[rel='cms-config-url']");
      var config = yaml.load(await (await fetch(link.href)).text(), READ) || {};
      (config.collections || []).forEach(function (c) {
        collectDateKeys(c.fields);
        (c.files || []).forEach(function (f) { collectDateKeys(f.fields); });
      });
    } catch (error) {
      // Decap reads the configuration too and says what is wrong with it.
      console.warn("congress-cms: config.yml", error);
    }
    CMS.registerCustomFormat("congress-yaml", "yml", yamlObject);
    CMS.registerCustomFormat("congress-yaml-list", "yml", yamlList);
    CMS.registerCustomFormat("congress-frontmatter", "md", frontMatter);
    CMS.registerCustomFormat("congress-markdown", "md", markdown);
    CMS.registerEventListener({ name: "preSave", handler: storyPath });
    CMS.init();
  }

  var started = new Promise(function (resolve) {
    document.addEventListener("DOMContentLoaded", function () { resolve(setup()); });
  });
  // For the tests: the slug rule and the formats as the browser runs them,
  // once setup() has read the configuration.
  window.congressCms = {
    ready: started, deriveSlug: deriveSlug,
    formats: { yamlObject: yamlObject, yamlList: yamlList, frontMatter: frontMatter, markdown: markdown }
  };
})();
