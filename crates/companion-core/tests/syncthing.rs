//! Two real Syncthing daemons (Debian's `syncthing`), started on loopback with discovery,
//! relays and NAT traversal off, keep two folders in step; a computer on each reads and writes
//! its own copy. Changes made on one arrive on the other; an edit made on both while the
//! daemons are paused ends as one diary on both; a conflict copy Syncthing itself makes of a
//! file is read like any other and deletes nothing.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use companion_core::sync::disk::DiskFolder;
use companion_core::sync::folder::Folder;
use companion_core::sync::replica::Replica;
use companion_core::sync::state::RowId;
use companion_core::sync::vault::{self, Kdf};

const KEY: &str = "companion-test";
/// The daemons' configuration, shared with the two-app test (`tests/e2e/syncthing.test.mjs`).
const CONFIG: &str = include_str!("../../../tests/syncthing/config.xml");

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// One Syncthing daemon and the folder it keeps.
struct Peer {
    home: PathBuf,
    folder: PathBuf,
    api: u16,
    listen: u16,
    id: String,
    child: Option<Child>,
}

impl Drop for Peer {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Peer {
    fn new(root: &Path, name: &str) -> Peer {
        let home = root.join(format!("{name}-home"));
        let folder = root.join(format!("{name}-folder"));
        std::fs::create_dir_all(folder.join(".stfolder")).expect("folder");
        let out = Command::new("syncthing")
            .args(["generate", "--no-default-folder"])
            .arg(format!("--home={}", home.display()))
            .output()
            .expect("syncthing is installed (scripts/setup.sh installs it for the tests)");
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        let id = text
            .split("Device ID: ")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .unwrap_or_else(|| panic!("no device id in: {text}"))
            .to_owned();
        Peer {
            home,
            folder,
            api: free_port(),
            listen: free_port(),
            id,
            child: None,
        }
    }

    /// Writes the configuration (only loopback; the other peer at its port) and starts.
    fn start(&mut self, other: (&str, u16)) {
        let config = [
            ("{folder}", self.folder.display().to_string()),
            ("{me}", self.id.clone()),
            ("{them}", other.0.to_owned()),
            ("{port}", other.1.to_string()),
            ("{api}", self.api.to_string()),
            ("{listen}", self.listen.to_string()),
            ("{key}", KEY.to_owned()),
        ]
        .iter()
        .fold(CONFIG.to_owned(), |c, (name, value)| c.replace(name, value));
        std::fs::write(self.home.join("config.xml"), config).expect("config");
        let child = Command::new("syncthing")
            .args(["serve", "--no-browser", "--no-restart"])
            .arg(format!("--home={}", self.home.display()))
            .arg(format!("--logfile={}", self.home.join("log").display()))
            .env("STNOUPGRADE", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start syncthing");
        self.child = Some(child);
        wait_for("the REST API", || self.post("/rest/system/ping").is_some());
    }

    /// A POST to the REST API; its body, when it answered 200.
    fn post(&self, path: &str) -> Option<String> {
        let mut s = TcpStream::connect(("127.0.0.1", self.api)).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
        write!(
            s,
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: {KEY}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .ok()?;
        let mut reply = String::new();
        s.read_to_string(&mut reply).ok()?;
        reply.starts_with("HTTP/1.1 200").then(|| {
            reply
                .split("\r\n\r\n")
                .nth(1)
                .unwrap_or_default()
                .to_owned()
        })
    }

    fn disk(&self) -> DiskFolder {
        // The chosen folder is the one Syncthing keeps; the diary's folder is inside it.
        DiskFolder::in_chosen(&self.folder)
    }
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "waited a minute for {what}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn pair(root: &Path) -> (Peer, Peer) {
    let (mut a, mut b) = (Peer::new(root, "a"), Peer::new(root, "b"));
    let (a_id, a_listen, b_id, b_listen) = (a.id.clone(), a.listen, b.id.clone(), b.listen);
    a.start((&b_id, b_listen));
    b.start((&a_id, a_listen));
    (a, b)
}

fn row(u: &str) -> RowId {
    RowId {
        kind: "checkins".into(),
        uuid: u.into(),
    }
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

fn same_names(a: &DiskFolder, b: &DiskFolder) -> bool {
    a.names() == b.names() && a.names().iter().all(|n| a.read(n) == b.read(n))
}

#[test]
fn two_computers_keep_one_diary_through_real_syncthing_daemons() {
    let root = tempfile::tempdir().expect("dir");
    let (a_peer, b_peer) = pair(root.path());
    let (mut fa, mut fb) = (a_peer.disk(), b_peer.disk());

    // One vault, its key shared by the recovery code (cheap settings: not what is tested).
    let code = vault::read_recovery_code(&vault::new_recovery_code().expect("code")).expect("code");
    let quick = Kdf {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };
    let (description, made) = vault::create(&code, None, quick).expect("vault");
    let joined = vault::open(&description, "recovery-code", &code).expect("joins");
    let mut a = Replica::new(made.id, made.key.clone(), [1; 16]);
    let mut b = Replica::new(made.id, joined.key.clone(), [2; 16]);

    // Made on one computer, it arrives on the other.
    a.set(now_ms(), row("monday"), "mood", 6.into());
    a.set(
        now_ms(),
        row("monday"),
        "note",
        "slept badly, walked anyway".into(),
    );
    a.flush(&mut fa).expect("flush");
    wait_for("a's file on b", || same_names(&fa, &fb));
    assert_eq!(b.pull(&fb, now_ms()).applied, 1);
    assert_eq!(
        b.state()
            .field(&row("monday"), "mood")
            .expect("arrived")
            .value,
        6
    );

    // Both edit the same field while the daemons cannot reach each other.
    for p in [&a_peer, &b_peer] {
        assert!(p.post("/rest/system/pause").is_some(), "pause");
    }
    a.set(now_ms(), row("monday"), "mood", 5.into());
    a.flush(&mut fa).expect("flush");
    std::thread::sleep(Duration::from_millis(5));
    b.set(now_ms(), row("monday"), "mood", 7.into());
    b.flush(&mut fb).expect("flush");
    // A conflict Syncthing itself makes: the same name written differently on both sides.
    fa.write("shared-note.txt", b"written on a").expect("a");
    fb.write("shared-note.txt", b"written on b, later")
        .expect("b");
    for p in [&a_peer, &b_peer] {
        p.post("/rest/db/scan?folder=diary").expect("scan");
    }
    for p in [&a_peer, &b_peer] {
        assert!(p.post("/rest/system/resume").is_some(), "resume");
    }
    wait_for(
        "the folders to agree, with Syncthing's conflict copy",
        || same_names(&fa, &fb) && fa.names().iter().any(|n| n.contains(".sync-conflict-")),
    );
    a.pull(&fa, now_ms());
    b.pull(&fb, now_ms());
    assert_eq!(a.state().canonical(), b.state().canonical());
    let mood = a.state().field(&row("monday"), "mood").expect("mood");
    assert_eq!(mood.value, 7, "the later edit is shown");
    assert_eq!(
        mood.others
            .iter()
            .map(|(_, v)| v.clone())
            .collect::<Vec<_>>(),
        vec![serde_json::Value::from(5)],
        "the other computer's edit stays visible"
    );
    // Nothing of the conflict was deleted by the app.
    assert_eq!(
        fa.names()
            .iter()
            .filter(|n| n.contains("shared-note"))
            .count(),
        2
    );
}
