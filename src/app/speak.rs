//! Read-aloud (朗读) of the part being read, as Chinese portals' 适老化 tools offer: the
//! browser's own speech synthesis (no service, nothing sent anywhere), a zh-CN voice where the
//! system has one, with pause, resume and stop.
//!
//! The part is the chapter or section the table of contents marks as being read; it is spoken
//! one paragraph per utterance, as browsers cut long utterances short.

use super::shared::Doc;
use fazhi_core::model::{Block, Kind, Report};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance};

/// Whether the reader is speaking.
#[derive(Clone, Copy, PartialEq)]
enum Voice {
    Idle,
    Speaking,
    Paused,
}

/// The read-aloud buttons; none where the browser cannot speak.
#[component]
pub fn ReadAloud(
    /// The id of the chapter or section being read (the table of contents' scroll-spy).
    reading: ReadSignal<Option<String>>,
) -> impl IntoView {
    // Asked of the window without its getter, which sets up the browser's speech service
    // (4–19 ms of the first render's task at 4× CPU in a profile): that waits for a press.
    js_sys::Reflect::has(&window(), &"speechSynthesis".into())
        .unwrap_or(false)
        .then_some(())?;
    let report = StoredValue::new(expect_context::<Doc>().report);
    let state = RwSignal::new(Voice::Idle);
    // Which reading is under way: a cancelled one reports its end late, and must not end
    // the next.
    let reading_no = StoredValue::new(0u32);
    let start = move |_| {
        report.with_value(|report| {
            let id = reading.get_untracked().or_else(|| first_chapter(report));
            if let Some(part) = id.as_deref().and_then(|id| report.block(id)) {
                reading_no.update_value(|n| *n += 1);
                with_synth(|s| speak(s, &paragraphs(part), state, reading_no));
            }
        })
    };
    let pause = move |_| {
        let paused = state.get_untracked() == Voice::Paused;
        with_synth(|s| if paused { s.resume() } else { s.pause() });
        state.set(if paused {
            Voice::Speaking
        } else {
            Voice::Paused
        });
    };
    let stop = move |_| {
        with_synth(|s| s.cancel());
        state.set(Voice::Idle);
    };
    on_cleanup(move || with_synth(|s| s.cancel()));
    let idle = move || state.get() == Voice::Idle;
    Some(view! {
        <div class="speak" role="group" aria-label="朗读">
            <Show
                when=idle
                fallback=move || {
                    view! {
                        <button type="button" on:click=pause>
                            {move || if state.get() == Voice::Paused { "继续" } else { "暂停" }}
                        </button>
                        <button type="button" on:click=stop>
                            "停止朗读"
                        </button>
                    }
                }
            >
                <button type="button" on:click=start>
                    "朗读本节"
                </button>
            </Show>
        </div>
    })
}

fn with_synth(f: impl FnOnce(&SpeechSynthesis)) {
    if let Ok(s) = window().speech_synthesis() {
        f(&s);
    }
}

fn first_chapter(report: &Report) -> Option<String> {
    report
        .blocks
        .iter()
        .find(|b| b.kind == Kind::Chapter)
        .map(|b| b.id.clone())
}

/// What is spoken for a part: its heading, then each paragraph below it (number, title and
/// text as written), one string each.
fn paragraphs(part: &Block) -> Vec<String> {
    let mut out = Vec::new();
    part.walk(&mut |b| {
        let line: String = [
            b.number.as_deref(),
            b.title.as_deref(),
            Some(b.text.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !line.trim().is_empty() {
            out.push(line);
        }
    });
    out
}

/// Queues one utterance per paragraph in a zh-CN voice (the system's own where it has one);
/// the state is idle again once the last has been spoken, or speaking failed, unless another
/// reading (`reading_no`) has started since.
fn speak(
    synth: &SpeechSynthesis,
    lines: &[String],
    state: RwSignal<Voice>,
    reading_no: StoredValue<u32>,
) {
    synth.cancel();
    let voice = synth
        .get_voices()
        .iter()
        .filter_map(|v| v.dyn_into::<web_sys::SpeechSynthesisVoice>().ok())
        .find(|v| v.lang().replace('_', "-").starts_with("zh-CN"));
    let this = reading_no.get_value();
    let done = Closure::<dyn Fn()>::new(move || {
        if reading_no.try_get_value() == Some(this) {
            let _ = state.try_set(Voice::Idle);
        }
    });
    for (i, line) in lines.iter().enumerate() {
        let Ok(u) = SpeechSynthesisUtterance::new_with_text(line) else {
            continue;
        };
        u.set_lang("zh-CN");
        u.set_voice(voice.as_ref());
        if i + 1 == lines.len() {
            u.set_onend(Some(done.as_ref().unchecked_ref()));
            u.set_onerror(Some(done.as_ref().unchecked_ref()));
        }
        synth.speak(&u);
    }
    // The browser calls it after this function has returned: leaked, one small closure per
    // reading started.
    done.forget();
    state.set(Voice::Speaking);
}
