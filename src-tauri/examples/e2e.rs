//! The app as the end-to-end tests run it (`make test-e2e`): the same window and core, with the
//! native file dialogs, which WebDriver cannot click, replaced by folders the tests name in the
//! environment. An example, so `cargo test` builds it beside the tests and no package ships it.

fn main() {
    let var = |name| std::env::var_os(name).map(std::path::PathBuf::from);
    recovery_companion::run_end_to_end(recovery_companion::TestSeams {
        save_dir: var("RECOVERY_COMPANION_E2E_SAVE_DIR"),
        open_from: var("RECOVERY_COMPANION_E2E_OPEN_FROM"),
    });
}
