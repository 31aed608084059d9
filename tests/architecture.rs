//! The shape of the code: no module of `src/` uses a module that uses it back, directly or
//! through others. A circle means no file of it can be read on its own, and it is how one idea
//! ends up in two places; this test names every circle so it stays broken.
//!
//! Modules are files. A file uses another when it names a path into it (`use` or inline,
//! `crate::`, `super::`, `self::` or a child's name); declaring a child (`mod x;`) is not a use.
//! A module naming its own parent's items (`super::Event` in `ingest::warc`) is not counted: the
//! parent is the stage's front, which declares its children and holds the types they share, so
//! that use goes up, not around. Every other use counts, the parent's uses of its children
//! included, so circles through a stage's front (`a::x -> b -> b::y -> a -> a::x`) are found.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// A module's path from the crate root (`["ingest", "warc"]`), and its file.
type Modules = BTreeMap<Vec<String>, PathBuf>;

fn modules(src: &Path) -> Modules {
    let mut found = Modules::new();
    for entry in walk(src) {
        let rel = entry.strip_prefix(src).unwrap();
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let file = parts.pop().unwrap();
        let stem = file.trim_end_matches(".rs");
        if !matches!(stem, "mod" | "lib" | "main") {
            parts.push(stem.to_string());
        }
        if stem == "main" {
            parts.push("main".to_string());
        }
        found.insert(parts, entry);
    }
    found
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Every path of a file, as its segments.
#[derive(Default)]
struct Paths(Vec<Vec<String>>);

impl<'ast> Visit<'ast> for Paths {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.0
            .push(path.segments.iter().map(|s| s.ident.to_string()).collect());
        syn::visit::visit_path(self, path);
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut prefix = Vec::new();
        if item.leading_colon.is_none() {
            use_paths(&item.tree, &mut prefix, &mut self.0);
        }
    }
}

fn use_paths(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            use_paths(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let mut path = prefix.clone();
            path.push(n.ident.to_string());
            out.push(path);
        }
        syn::UseTree::Rename(r) => {
            let mut path = prefix.clone();
            path.push(r.ident.to_string());
            out.push(path);
        }
        syn::UseTree::Glob(_) => out.push(prefix.clone()),
        syn::UseTree::Group(g) => {
            for item in &g.items {
                use_paths(item, prefix, out);
            }
        }
    }
}

/// The module a path written in module `from` leads into, if it is another module of the crate.
fn target(from: &[String], path: &[String], modules: &Modules) -> Option<Vec<String>> {
    let mut at: Vec<String> = match path.first().map(String::as_str) {
        Some("crate") => Vec::new(),
        Some("super") | Some("self") => from.to_vec(),
        // A child module named directly (`files::read_input` in `ingest`).
        Some(first) if modules.contains_key(&[from, &[first.to_string()]].concat()) => {
            from.to_vec()
        }
        _ => return None,
    };
    let mut rest = path;
    if rest[0] == "crate" {
        rest = &rest[1..];
    }
    while let Some(first) = rest.first() {
        match first.as_str() {
            "super" => {
                at.pop();
            }
            "self" => {}
            _ => break,
        }
        rest = &rest[1..];
    }
    // The deepest module file the path names.
    for segment in rest {
        let mut deeper = at.clone();
        deeper.push(segment.clone());
        if modules.contains_key(&deeper) {
            at = deeper;
        } else {
            break;
        }
    }
    let ancestor = from.starts_with(&at);
    (!ancestor && modules.contains_key(&at)).then_some(at)
}

/// The uses between modules: module -> the modules it uses.
fn uses(modules: &Modules) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mut graph = BTreeMap::new();
    for (module, file) in modules {
        let text = std::fs::read_to_string(file).unwrap();
        let ast = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let mut paths = Paths::default();
        paths.visit_file(&ast);
        // In a `mod.rs`, `self::`/`super::` are relative to the module itself; in `a.rs` too
        // (`super` is its parent): the module path is the same in both layouts.
        let targets: BTreeSet<Vec<String>> = paths
            .0
            .iter()
            .filter_map(|p| target(module, p, modules))
            .collect();
        graph.insert(module.clone(), targets);
    }
    graph
}

/// Groups of modules that reach each other (Tarjan's strongly connected components), the
/// groups of more than one module.
fn circles(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    let names: Vec<&Vec<String>> = graph.keys().collect();
    let id: BTreeMap<&Vec<String>, usize> =
        names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let edges: Vec<Vec<usize>> = names
        .iter()
        .map(|n| {
            graph[*n]
                .iter()
                .filter_map(|t| id.get(t).copied())
                .collect()
        })
        .collect();
    let n = names.len();
    let (mut index, mut low, mut on_stack) = (vec![usize::MAX; n], vec![0; n], vec![false; n]);
    let (mut stack, mut next, mut groups) = (Vec::new(), 0, Vec::new());
    fn connect(
        v: usize,
        edges: &[Vec<usize>],
        state: (&mut Vec<usize>, &mut Vec<usize>, &mut Vec<bool>),
        stack: &mut Vec<usize>,
        next: &mut usize,
        groups: &mut Vec<Vec<usize>>,
    ) {
        let (index, low, on_stack) = state;
        index[v] = *next;
        low[v] = *next;
        *next += 1;
        stack.push(v);
        on_stack[v] = true;
        for &w in &edges[v] {
            if index[w] == usize::MAX {
                connect(w, edges, (index, low, on_stack), stack, next, groups);
                low[v] = low[v].min(low[w]);
            } else if on_stack[w] {
                low[v] = low[v].min(index[w]);
            }
        }
        if low[v] == index[v] {
            let mut group = Vec::new();
            while let Some(w) = stack.pop() {
                on_stack[w] = false;
                group.push(w);
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                groups.push(group);
            }
        }
    }
    for v in 0..n {
        if index[v] == usize::MAX {
            connect(
                v,
                &edges,
                (&mut index, &mut low, &mut on_stack),
                &mut stack,
                &mut next,
                &mut groups,
            );
        }
    }
    groups
        .into_iter()
        .map(|g| {
            let mut names: Vec<String> = g.iter().map(|&i| display(names[i])).collect();
            names.sort();
            names
        })
        .collect()
}

fn display(module: &[String]) -> String {
    if module.is_empty() {
        "crate".to_string()
    } else {
        module.join("::")
    }
}

#[test]
fn no_module_uses_a_module_that_uses_it_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = modules(&src);
    let graph = uses(&modules);
    let found = circles(&graph);
    let report: Vec<String> = found
        .iter()
        .map(|group| {
            let members: BTreeSet<&String> = group.iter().collect();
            let links: Vec<String> = graph
                .iter()
                .filter(|(from, _)| members.contains(&display(from)))
                .flat_map(|(from, to)| {
                    to.iter()
                        .filter(|t| members.contains(&display(t)))
                        .map(move |t| format!("{} -> {}", display(from), display(t)))
                })
                .collect();
            format!("{}: {}", group.join(", "), links.join("; "))
        })
        .collect();
    assert!(
        found.is_empty(),
        "{} circles of modules:\n{}",
        found.len(),
        report.join("\n")
    );
}

/// The library does not depend on the command line: only `main.rs` names `clap`, so library
/// types can be used by the web server, other programs and tests as they are.
#[test]
fn only_main_uses_the_argument_parser() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let users: Vec<String> = walk(&src)
        .into_iter()
        .filter(|p| !p.ends_with("main.rs"))
        .filter(|p| std::fs::read_to_string(p).unwrap().contains("clap"))
        .map(|p| p.strip_prefix(&src).unwrap().display().to_string())
        .collect();
    assert!(users.is_empty(), "the library names clap in {users:?}");
}
