//! Rebuilds the crate when anything under `data/` changes. `include_dir!` embeds the
//! sample city but tells cargo only about the files it saw, so a file added later
//! (a page's `.en.md`) would be missing from the embedded copy until some source
//! file changed.

fn main() {
    println!("cargo:rerun-if-changed=data");
}
