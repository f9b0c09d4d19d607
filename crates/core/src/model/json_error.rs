//! serde_json's error messages in Chinese. The reader's users read Chinese; serde words its
//! messages in English ("invalid type: integer `12`, expected a string at line 3 column 14").
//! The common ones are translated; any other keeps serde's words inside "JSON 格式错误（…）",
//! so nothing is lost. The place (line and column) is [`super::ReadError::Json`]'s to say.

/// What went wrong, in Chinese, from serde_json's message (with or without its
/// " at line N column M" tail, which is dropped).
pub fn describe(message: &str) -> String {
    let msg = match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    syntax(msg)
        .map(str::to_string)
        .or_else(|| shape(msg))
        .unwrap_or_else(|| format!("JSON 格式错误（{msg}）"))
}

/// Messages of the JSON syntax itself (serde_json's `ErrorCode`).
fn syntax(msg: &str) -> Option<&'static str> {
    Some(match msg {
        m if m.starts_with("EOF while parsing") => "文件在此处提前结束，JSON 不完整",
        "expected `:`" => "此处应为冒号 “:”",
        "expected `,` or `]`" => "此处应为逗号 “,” 或 “]”",
        "expected `,` or `}`" => "此处应为逗号 “,” 或 “}”",
        "expected ident" | "expected value" => {
            "此处应为一个值（字符串、数字、对象、数组、true、false 或 null）"
        }
        "expected `\"`" => "此处应为双引号 “\"”",
        "key must be a string" => "对象的键必须是双引号括起的字符串",
        "trailing comma" => "多余的逗号",
        "trailing characters" => "JSON 结束后还有多余的内容",
        "invalid escape" => "字符串中有无效的转义（\\）",
        "invalid number" => "无效的数字",
        "number out of range" => "数字超出范围",
        m if m.starts_with("control character") => "字符串中有未转义的控制字符（如换行）",
        m if m.contains("hex escape") || m == "invalid unicode code point" => {
            "字符串中有无效的 \\u 转义"
        }
        "recursion limit exceeded" => "嵌套层数过多",
        _ => return None,
    })
}

/// Messages about the report's shape (serde's `de::Error`): a missing or repeated field, a
/// value of the wrong type or not among those allowed.
fn shape(msg: &str) -> Option<String> {
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return Some(format!("缺少字段 {}", quoted(rest)));
    }
    if let Some(rest) = msg.strip_prefix("duplicate field ") {
        return Some(format!("字段 {} 出现了两次", quoted(rest)));
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (found, allowed) = rest.split_once(", expected").unwrap_or((rest, ""));
        let names: Vec<&str> = allowed.split('`').skip(1).step_by(2).collect();
        return Some(format!(
            "{} 不是允许的取值（应为 {} 之一）",
            quoted(found),
            names.join("、")
        ));
    }
    for (prefix, what) in [
        ("invalid type: ", "类型不对"),
        ("invalid value: ", "取值不对"),
    ] {
        if let Some((found, expected)) = msg
            .strip_prefix(prefix)
            .and_then(|r| r.split_once(", expected "))
        {
            return Some(format!(
                "{what}：应为{}，实为{}",
                expected_kind(expected),
                found_kind(found)
            ));
        }
    }
    None
}

/// `` `name` `` as “name”.
fn quoted(s: &str) -> String {
    format!("“{}”", s.trim().trim_matches('`'))
}

/// What serde found ("integer `12`", "string \"a\"", "null", "map"), in Chinese.
fn found_kind(s: &str) -> String {
    let (kind, value) = s.split_once(' ').unwrap_or((s, ""));
    let name = match kind {
        "integer" => "整数",
        "floating" => {
            return format!(
                "小数 {}",
                value.trim_start_matches("point ").trim_matches('`')
            )
        }
        "boolean" => "布尔值",
        "string" => "字符串",
        "map" => "对象",
        "sequence" => "数组",
        "null" | "unit" => return "空值 null".to_string(),
        _ => return s.to_string(),
    };
    let value = value.trim_matches('`');
    match value {
        "" => name.to_string(),
        v => format!("{name} {v}"),
    }
}

/// What serde expected ("a string", "struct Meta", "u32", "i32"), in Chinese.
fn expected_kind(s: &str) -> String {
    let name = match s {
        "a string" | "a borrowed string" | "a character" => "字符串",
        "a boolean" => "布尔值（true 或 false）",
        "a sequence" | "tuple" => "数组",
        "a map" => "对象",
        "f32" | "f64" => "数字",
        "u8" | "u16" | "u32" | "u64" | "usize" => "非负整数",
        "i8" | "i16" | "i32" | "i64" | "isize" => "整数",
        s if s.starts_with("struct ") => "对象",
        "variant identifier" => "规定的名称（字符串）",
        _ => return s.to_string(),
    };
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::describe;
    use crate::model::Report;

    /// serde_json's message for `text` read as a report, in Chinese.
    fn said(text: &str) -> String {
        let e = serde_json::from_str::<Report>(text).unwrap_err();
        describe(&e.to_string())
    }

    #[test]
    fn syntax_errors_are_in_chinese() {
        assert_eq!(said("{\"format\": "), "文件在此处提前结束，JSON 不完整");
        assert_eq!(said("{\"format\" 1}"), "此处应为冒号 “:”");
        assert_eq!(said("{\"format\": \"a\" \"b\"}"), "此处应为逗号 “,” 或 “}”");
        assert_eq!(said("{\"format\": \"a\",}"), "多余的逗号");
        assert_eq!(said("{format: 1}"), "对象的键必须是双引号括起的字符串");
        assert_eq!(
            said("{\"format\": x}"),
            "此处应为一个值（字符串、数字、对象、数组、true、false 或 null）"
        );
        assert_eq!(said("{\"format\": \"a\\q\"}"), "字符串中有无效的转义（\\）");
    }

    #[test]
    fn shape_errors_name_the_field_and_the_types() {
        assert_eq!(said("{}"), "缺少字段 “format”");
        assert_eq!(
            said("{\"format\": 12}"),
            "类型不对：应为字符串，实为整数 12"
        );
        assert_eq!(
            said("{\"format\": null}"),
            "类型不对：应为字符串，实为空值 null"
        );
        assert_eq!(
            said("{\"format\": \"a\", \"format\": \"b\"}"),
            "字段 “format” 出现了两次"
        );
        assert_eq!(said("1"), "类型不对：应为对象，实为整数 1");
    }

    #[test]
    fn an_unknown_value_names_the_allowed_ones() {
        let e = serde_json::from_str::<crate::model::TitleFrom>("\"x\"").unwrap_err();
        assert_eq!(
            describe(&e.to_string()),
            "“x” 不是允许的取值（应为 heading、page、option、file、none 之一）"
        );
    }

    #[test]
    fn anything_else_keeps_serde_words_without_the_place() {
        assert_eq!(
            describe("something new at line 3 column 4"),
            "JSON 格式错误（something new）"
        );
    }
}
