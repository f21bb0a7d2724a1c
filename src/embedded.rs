//! Data embedded zstd-compressed rather than as text: jieba's dictionary
//! (`data/jieba-dict.zst`, written by `scripts/jieba-dict.sh`), and in WebAssembly the
//! fitted weights (`data/weights.tsv.zst`, written with `data/weights.tsv` by the fit example;
//! native builds embed that text itself). Tests check that each frame inflates to its text.

/// Inflates a zstd frame in one call, straight into a buffer of the size the frame records
/// (zstd's inner functions are called once per 128 KiB block, so V8 optimises them between
/// blocks; 64 KiB reads through a stream decoder took a copy more and were no faster).
///
/// # Errors
/// A truncated or damaged frame (frames carry a checksum).
pub(crate) fn inflate(compressed: &[u8]) -> std::io::Result<Vec<u8>> {
    // The frame records its size (3,039,764 bytes for the dictionary): allocate that once.
    let size = zstd::zstd_safe::get_frame_content_size(compressed).ok().flatten();
    // (capped: the frame header is not under the checksum)
    let size = size.map_or(compressed.len() * 4, |n| n.min(compressed.len() as u64 * 8) as usize);
    zstd::bulk::decompress(compressed, size)
}
