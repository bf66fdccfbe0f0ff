//! The IPC surface, read from its one source: the `#[tauri::command]` functions of the files
//! of `commands/`. `build.rs` uses it to make one permission per command and the handler list;
//! the shell's tests use it to check the capability and to generate `ui/src/lib/commands.ts`,
//! the typed TypeScript function of every command. Nothing else lists the commands.
//!
//! A small reader rather than a syn dependency: the command functions keep one plain shape
//! (`pub async fn name(arg: Type, ...) -> Reply<Type>`), and a test fails if one does not.

/// One command: its name, the arguments the web view sends, and what it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The file of `commands/` it is in (`entries` for `commands/entries.rs`).
    pub area: String,
    pub name: String,
    /// `(name, Rust type)`, without what Tauri injects (state, the app handle, the window).
    pub args: Vec<(String, String)>,
    /// The `T` of `Reply<T>`.
    pub reply: String,
}

/// Splits at commas outside `<...>` and `(...)`.
fn split_top(s: &str) -> Vec<String> {
    let (mut out, mut cur, mut depth) = (vec![], String::new(), 0i32);
    for c in s.chars() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(cur.trim().to_owned());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_owned());
    }
    out
}

fn injected(ty: &str) -> bool {
    ty.starts_with("State<") || ty == "AppHandle" || ty.ends_with("Window")
}

/// The files of the commands folder `dir`: area and text, in the order of their names.
pub fn sources(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the commands folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter(|p| p.file_stem().is_some_and(|s| s != "mod"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let area = p
                .file_stem()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&p).expect("a command file");
            (area, text)
        })
        .collect()
}

/// Every command of every file of `sources` (see [`sources`]), area by area.
pub fn all(sources: &[(String, String)]) -> Vec<Command> {
    sources
        .iter()
        .flat_map(|(area, text)| {
            commands(text).into_iter().map(move |mut c| {
                c.area = area.clone();
                c
            })
        })
        .collect()
}

/// Every command of `source` (the text of one file of `commands/`), in order. Panics, naming
/// the command, on a shape it does not know.
pub fn commands(source: &str) -> Vec<Command> {
    let mut out = vec![];
    for chunk in source.split("#[tauri::command]").skip(1) {
        let head = chunk
            .split_once('{')
            .map(|(h, _)| h)
            .expect("a command body");
        let head: String = head.split_whitespace().collect::<Vec<_>>().join(" ");
        let rest = head
            .strip_prefix("pub async fn ")
            .unwrap_or_else(|| panic!("commands are `pub async fn`: {head}"));
        let (name, rest) = rest.split_once('(').expect("arguments");
        let (args, reply) = rest.rsplit_once(") -> ").expect("a reply type");
        let reply = reply
            .trim()
            .strip_prefix("Reply<")
            .and_then(|r| r.strip_suffix('>'))
            .unwrap_or_else(|| panic!("{name} answers with Reply<T>"))
            .to_owned();
        let args = split_top(args)
            .into_iter()
            .map(|a| {
                let (n, t) = a.split_once(':').expect("name: Type");
                (n.trim().to_owned(), t.trim().to_owned())
            })
            .filter(|(_, t)| !injected(t))
            .collect();
        out.push(Command {
            area: String::new(),
            name: name.trim().to_owned(),
            args,
            reply,
        });
    }
    out
}

/// `snake_case` as Tauri sends it by default: `camelCase`.
pub fn camel(s: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in s.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A Rust type of the IPC as TypeScript, and the named types it uses.
pub fn typescript_type(ty: &str, named: &mut Vec<String>) -> String {
    let ty = ty.trim();
    let inner = |prefix: &str| {
        ty.strip_prefix(prefix)
            .and_then(|r| r.strip_suffix('>'))
            .map(str::to_owned)
    };
    if let Some(t) = inner("Option<") {
        return format!("{} | null", typescript_type(&t, named));
    }
    if let Some(t) = inner("Vec<") {
        return format!("{}[]", typescript_type(&t, named));
    }
    if let Some(t) = ty
        .rsplit_once("Channel<")
        .and_then(|(_, r)| r.strip_suffix('>'))
    {
        return format!("Channel<{}>", typescript_type(t, named));
    }
    match ty {
        "()" => "null".into(),
        "bool" => "boolean".into(),
        "String" | "&str" => "string".into(),
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "f32" | "f64" | "usize" => {
            "number".into()
        }
        path => {
            let name = path.rsplit("::").next().unwrap_or(path).to_owned();
            if !named.contains(&name) {
                named.push(name.clone());
            }
            name
        }
    }
}

/// `ui/src/lib/commands.ts`: one typed function per command.
pub fn typescript(commands: &[Command]) -> String {
    let mut named = vec![];
    let mut body = String::new();
    for c in commands {
        let params: Vec<String> = c
            .args
            .iter()
            .map(|(n, t)| format!("{}: {}", camel(n), typescript_type(t, &mut named)))
            .collect();
        let reply = typescript_type(&c.reply, &mut named);
        let args = if c.args.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = c.args.iter().map(|(n, _)| camel(n)).collect();
            format!(", {{ {} }}", names.join(", "))
        };
        body.push_str(&format!(
            "  {}: ({}) => call<{reply}>('{}'{args}),\n",
            camel(&c.name),
            params.join(", "),
            c.name
        ));
    }
    named.sort();
    let channel = if body.contains("Channel<") {
        "import type { Channel } from '@tauri-apps/api/core';\n"
    } else {
        ""
    };
    format!(
        "// Generated from src-tauri/src/commands/ by the shell's tests; never edit by hand.\n\
         // After changing a command: UPDATE_IPC=1 cargo test --profile quick -p recovery-companion --features custom-protocol typescript_commands\n\
         {channel}import type {{\n{}}} from './bindings';\n\
         import {{ call }} from './call';\n\n\
         /** Every command of the app, typed from its Rust signature. */\n\
         export const commands = {{\n{body}}};\n",
        named
            .iter()
            .map(|n| format!("  {n},\n"))
            .collect::<String>()
    )
}
