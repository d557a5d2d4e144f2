#![no_main]
use glosslint::formats::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| glosslint::fuzzing::extract(Format::Text, data));
