//! Workbooks built part by part, for the hostile-import tests: the real collection
//! template of the sample city, with parts replaced or added, zipped again.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// The collection template of the embedded sample city for `year`.
pub fn template(year: i32) -> Vec<u8> {
    let data = parkscore::load::load(
        &parkscore::load::SourceFiles::embedded(),
        &Default::default(),
    )
    .unwrap();
    parkscore::collect::template(&data, year).unwrap()
}

/// Every part of a zip, in order, as (name, bytes).
pub fn parts(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = ZipArchive::new(Cursor::new(zip)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().unwrap().into_owned(), bytes)
        })
        .collect()
}

/// Zips `parts` (deflated).
pub fn zip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in parts {
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// `workbook` with part `name` replaced by (or, if absent, added as) `bytes`.
pub fn with_part(workbook: &[u8], name: &str, bytes: Vec<u8>) -> Vec<u8> {
    let mut all = parts(workbook);
    match all.iter_mut().find(|(n, _)| n == name) {
        Some(p) => p.1 = bytes,
        None => all.push((name.to_string(), bytes)),
    }
    zip(&all)
}

/// The first worksheet part of the template (the fill-in sheet).
pub const SHEET1: &str = "xl/worksheets/sheet1.xml";

/// A worksheet part with `rows` (already XML) as its sheet data.
pub fn sheet_xml(dimension: &str, rows: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
         <dimension ref=\"{dimension}\"/><sheetData>{rows}</sheetData></worksheet>"
    )
    .into_bytes()
}

/// A zip bomb: `workbook` whose sheet part unpacks to `unpacked` bytes of XML
/// whitespace; with `lie`, the zip directory declares 1 KiB instead (written
/// without the zip crate's size bookkeeping by patching the sizes afterwards).
pub fn bomb(workbook: &[u8], unpacked: u64, lie: bool) -> Vec<u8> {
    let mut all = parts(workbook);
    all.retain(|(n, _)| n != SHEET1);
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(unpacked > u32::MAX as u64);
    for (name, bytes) in &all {
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.start_file(SHEET1, opts).unwrap();
    w.write_all(b"<worksheet><sheetData>").unwrap();
    let spaces = vec![b' '; 1 << 20];
    let mut left = unpacked;
    while left > 0 {
        let n = left.min(spaces.len() as u64) as usize;
        w.write_all(&spaces[..n]).unwrap();
        left -= n as u64;
    }
    let mut bytes = w.finish().unwrap().into_inner();
    if lie {
        declare_small(&mut bytes, SHEET1);
    }
    bytes
}

/// Rewrites the uncompressed size of part `name` in both the local header and the
/// central directory to 1024 (32-bit sizes only).
fn declare_small(zip: &mut [u8], name: &str) {
    let n = name.as_bytes();
    let mut i = 0;
    while i + 46 < zip.len() {
        let sig = &zip[i..i + 4];
        let (size_at, name_at, len_at) = match sig {
            b"PK\x03\x04" => (i + 22, i + 30, i + 26),
            b"PK\x01\x02" => (i + 24, i + 46, i + 28),
            _ => {
                i += 1;
                continue;
            }
        };
        let len = u16::from_le_bytes([zip[len_at], zip[len_at + 1]]) as usize;
        if zip.get(name_at..name_at + len) == Some(n) {
            zip[size_at..size_at + 4].copy_from_slice(&1024u32.to_le_bytes());
        }
        i += 4;
    }
}
