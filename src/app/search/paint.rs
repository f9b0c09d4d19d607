//! Search hits painted over the body's text with the CSS Custom Highlight API: a `StaticRange`
//! per hit, all registered as the highlight `search` that `::highlight(search)` styles. The
//! text is never re-rendered for a query, so a keystroke costs what the hits cost, not what
//! the paragraphs they are in cost. Static, not live, ranges: the browser updates every live
//! `Range` of the document on every change to the DOM, so with a few thousand hits painted
//! (a one-character query in a long report) each result list rebuilt cost tens of
//! milliseconds in removing its old items. The text they cover never changes.
//!
//! Each field's text is in the element with its `data-field` (see `body.rs`): the first such
//! element inside the element with its block's id, since a block's own title and text come
//! before its children's. Hits are measured in chars of the official text; the page shows the
//! display form, which has the same chars at the same offsets ([`fazhi_core::typeset`]), and
//! both differ only in ASCII and full-width punctuation, one UTF-16 unit each, so the UTF-16
//! offsets the DOM counts in are those of the official text.

use fazhi_core::model::{Block, Field, Report};
use fazhi_core::search::{Hit, Index};
use leptos::prelude::document;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CharacterData, Document, Element, Node, StaticRange, StaticRangeInit, TreeWalker};

#[wasm_bindgen]
extern "C" {
    /// A set of ranges painted alike. web-sys has it (and the registry) only behind its
    /// unstable-API cfg, which every crate would have to be rebuilt with.
    type Highlight;
    #[wasm_bindgen(constructor)]
    fn new() -> Highlight;
    #[wasm_bindgen(method, catch)]
    fn add(this: &Highlight, range: &JsValue) -> Result<(), JsValue>;

    /// `CSS.highlights`: the highlights by name.
    type HighlightRegistry;
    #[wasm_bindgen(method)]
    fn set(this: &HighlightRegistry, name: &str, highlight: &Highlight);
    #[wasm_bindgen(method)]
    fn delete(this: &HighlightRegistry, name: &str);
}

/// The highlight's name, as the style sheet's `::highlight(search)` names it.
const NAME: &str = "search";

/// `CSS.highlights`, where the browser has it (Chromium 105+, Safari 17.2+, Firefox 140+);
/// elsewhere the hits are in the results list only.
fn registry() -> Option<HighlightRegistry> {
    let css = js_sys::Reflect::get(&js_sys::global(), &"CSS".into()).ok()?;
    let highlights = js_sys::Reflect::get(&css, &"highlights".into()).ok()?;
    highlights.is_object().then(|| highlights.unchecked_into())
}

/// Paints `hits` (found by `index` in `report`) wherever their text is in the page now, and
/// nothing when there are none.
pub fn paint(report: &Report, index: &Index, hits: &[Hit]) {
    let Some(registry) = registry() else {
        return;
    };
    if hits.is_empty() {
        registry.delete(NAME);
        return;
    }
    let blocks = report.all_blocks();
    let document = document();
    let highlight = Highlight::new();
    // Hits come in document order: one run per field.
    for run in hits.chunk_by(|a, b| a.block == b.block && a.field == b.field) {
        let (block, field) = (run[0].block, run[0].field);
        let Some(el) = field_element(&document, index.id(block), field) else {
            continue;
        };
        let Some(text) = blocks.get(block).map(|b| field_text(b, field)) else {
            continue;
        };
        let Ok(walker) = document.create_tree_walker_with_what_to_show(&el, SHOW_TEXT) else {
            continue;
        };
        let mut cursor = Cursor::new(walker);
        for (start, end) in utf16_bounds(text, run) {
            let (Some((a, i)), Some((b, j))) = (cursor.seek(start, false), cursor.seek(end, true))
            else {
                break;
            };
            let init = StaticRangeInit::new(&b, j, &a, i);
            let Ok(range) = StaticRange::new(&init) else {
                return;
            };
            if highlight.add(&range).is_err() {
                return;
            }
        }
    }
    registry.set(NAME, &highlight);
}

/// `NodeFilter.SHOW_TEXT`.
const SHOW_TEXT: u32 = 0x4;

/// The element holding `field` of the block with `id`, if that block is in the page.
fn field_element(document: &Document, id: &str, field: Field) -> Option<Element> {
    let block = document.get_element_by_id(id)?;
    let selector = format!("[data-field={}]", field.as_str());
    block.query_selector(&selector).ok().flatten()
}

fn field_text(b: &Block, field: Field) -> &str {
    match field {
        Field::Text => &b.text,
        Field::Title => b.title.as_deref().unwrap_or(""),
    }
}

/// The hits' char ranges in `text` as UTF-16 ranges, in one pass (the hits are in order).
fn utf16_bounds(text: &str, hits: &[Hit]) -> Vec<(u32, u32)> {
    let mut chars = text.chars();
    let (mut at, mut units) = (0, 0);
    let mut to = |target: usize| {
        while at < target {
            let Some(c) = chars.next() else { break };
            units += c.len_utf16() as u32;
            at += 1;
        }
        units
    };
    hits.iter().map(|h| (to(h.start), to(h.end))).collect()
}

/// A walk forward through a field's text nodes, from UTF-16 offsets in the field to a node
/// and an offset in it.
struct Cursor {
    walker: TreeWalker,
    node: Option<Node>,
    /// Where `node` starts in the field, and its length (UTF-16 units).
    start: u32,
    len: u32,
}

impl Cursor {
    fn new(walker: TreeWalker) -> Cursor {
        let node = walker.next_node().ok().flatten();
        let len = length(node.as_ref());
        Cursor {
            walker,
            node,
            start: 0,
            len,
        }
    }

    /// The text node holding offset `at` (no earlier than the last one asked for), and the
    /// offset in it. An offset between two nodes is the end of the first when `end` holds, and
    /// the start of the second when not, so a range holds no more nodes than its text.
    fn seek(&mut self, at: u32, end: bool) -> Option<(Node, u32)> {
        loop {
            let node = self.node.as_ref()?;
            let past = self.start + self.len;
            if at < past || (end && at == past) {
                return Some((node.clone(), at.saturating_sub(self.start)));
            }
            match self.walker.next_node().ok().flatten() {
                Some(next) => {
                    self.start = past;
                    self.len = length(Some(&next));
                    self.node = Some(next);
                }
                // Past the field's text (it would be a bug): clamped to its end.
                None => return Some((node.clone(), self.len)),
            }
        }
    }
}

/// A text node's length in UTF-16 units.
fn length(node: Option<&Node>) -> u32 {
    node.and_then(|n| n.dyn_ref::<CharacterData>())
        .map_or(0, CharacterData::length)
}
