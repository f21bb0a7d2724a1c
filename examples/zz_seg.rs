use std::io::BufRead;
fn main() {
    let s = newslens::segment::Segmenter::new().unwrap();
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        let w: Vec<&str> = s.words(&line).into_iter().map(|w| w.0).collect();
        println!("{}", w.join("/"));
    }
}
