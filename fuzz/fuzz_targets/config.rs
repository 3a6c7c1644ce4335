//! Config files from users: any text parses to a config or to one error line, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match quoth::config::Config::from_str_over(text, "fuzz.toml", Some(quoth::config::Config::defaults())) {
        Ok(_) => {}
        // One clear line, naming the file.
        Err(e) => assert!(!e.to_string().contains('\n') && e.to_string().starts_with("fuzz.toml:")),
    }
});
