//! The filters broadsheet adds to Tera's own: `truncate`, which counts graphemes without
//! collecting them all (see [`super::truncate`]), `json_encode`, which the JSON Feed template
//! needs and Tera 2 no longer ships, and `escape_markup`, for HTML carried inside XML.

use tera::{Kwargs, State, Tera, TeraResult, Value};

/// Adds broadsheet's filters to `tera`, replacing Tera's own `truncate`.
pub fn register(tera: &mut Tera) {
    tera.register_filter("truncate", super::truncate::truncate);
    tera.register_filter("json_encode", json_encode);
    tera.register_filter("escape_markup", escape_markup);
}

/// `{% filter escape_markup %}<p>…</p>{% endfilter %}`: escapes `& < > " '` even in text marked
/// safe, as rendered markup is. RSS `<description>` and Atom `<content type="html">` carry a
/// story's HTML as escaped text, and Tera's own `escape` leaves safe text alone.
/// The result is marked safe, so an autoescaped template does not escape it twice.
fn escape_markup(value: &str, _: Kwargs, _: &State) -> Value {
    Value::safe_string(&crate::html::escape_html(value))
}

/// `{{ value | json_encode }}`: the value as JSON, on one line or, with `pretty=true`,
/// indented. The result is text like any other, so in an autoescaped template it is escaped
/// unless followed by `| safe`.
fn json_encode(value: Value, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let pretty = kwargs.get::<bool>("pretty")?.unwrap_or(false);
    let encoded = if pretty {
        serde_json::to_string_pretty(&value)
    } else {
        serde_json::to_string(&value)
    };
    encoded.map_err(|e| tera::Error::message(format!("json_encode: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, context: &serde_json::Value) -> String {
        let mut tera = Tera::default();
        register(&mut tera);
        tera.add_raw_template("t.json", template).unwrap();
        tera.render("t.json", &tera::Context::from_serialize(context).unwrap())
            .unwrap()
    }

    #[test]
    fn json_encode_writes_values_as_serde_json_does() {
        let value = serde_json::json!({
            "title": "Quotes \" and \\ back\u{2028}slashes </script>",
            "tags": ["Water", "Senate"],
            "count": 3,
            "none": null,
        });
        let context = serde_json::json!({ "v": value });
        for key in ["title", "tags", "count", "none"] {
            let out = render(&format!("{{{{ v.{key} | json_encode }}}}"), &context);
            let back: serde_json::Value = serde_json::from_str(&out).unwrap();
            assert_eq!(back, value[key], "{key}: {out}");
        }
        let pretty = render("{{ v.tags | json_encode(pretty=true) }}", &context);
        assert_eq!(pretty, "[\n  \"Water\",\n  \"Senate\"\n]");
    }

    #[test]
    fn escape_markup_escapes_what_is_marked_safe() {
        let context = serde_json::json!({ "v": "<b>Tom & Jerry's</b>" });
        let out = render(
            "{% filter escape_markup %}<p>{{ v | safe }}</p>{% endfilter %}",
            &context,
        );
        assert_eq!(
            out,
            "&lt;p&gt;&lt;b&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;&lt;/p&gt;"
        );
    }
}
