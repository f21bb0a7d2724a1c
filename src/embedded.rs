//! Data that the WebAssembly build embeds zstd-compressed rather than as text: jieba's
//! dictionary (`data/jieba-dict.txt.zst`, written by `scripts/jieba-dict.sh`) and the fitted
//! weights (`data/weights.tsv.zst`, written with `data/weights.tsv` by the fit example).
//! Native builds embed the text itself; tests check that each frame inflates to it.

/// Inflates a zstd frame, 64 KiB per call into zstd (one call for all of a 5 MB dictionary
/// would run unoptimised in WebAssembly; see `segment::load_jieba_dict`).
///
/// # Errors
/// A truncated or damaged frame (frames carry a checksum).
pub(crate) fn inflate(compressed: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut decoder = zstd::stream::read::Decoder::with_buffer(compressed)?;
    // The frame records its size (5,071,843 bytes for the dictionary): allocate that once.
    let size = zstd::zstd_safe::get_frame_content_size(compressed).ok().flatten();
    // (capped: the frame header is not under the checksum)
    let size = size.map_or(compressed.len() * 4, |n| n.min(compressed.len() as u64 * 8) as usize);
    let mut text = Vec::with_capacity(size);
    let mut block = vec![0; 1 << 16];
    loop {
        match decoder.read(&mut block)? {
            0 => return Ok(text),
            n => text.extend_from_slice(&block[..n]),
        }
    }
}
