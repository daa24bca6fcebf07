//! The PostgreSQL server a benchmark uses: `ESC_BENCH_PG` (a URL whose
//! role may create databases), or, without it or given `start`, a
//! throwaway cluster that `scripts/postgres` starts and stops.

use std::process::Command;

/// The PostgreSQL server the benchmark uses, and the databases it made.
pub struct Server {
    url: String,
    cluster: Option<std::path::PathBuf>,
    made: std::cell::RefCell<Vec<String>>,
}

impl Server {
    pub fn start(dir: &std::path::Path) -> Server {
        // `start` asks for a throwaway cluster, as leaving it unset does.
        if let Ok(url) = std::env::var("ESC_BENCH_PG")
            && url != "start"
        {
            return Server {
                url,
                cluster: None,
                made: Default::default(),
            };
        }
        let cluster = dir.join("pg");
        let out = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/postgres"))
            .arg("start")
            .arg(&cluster)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Server {
            url: String::from_utf8(out.stdout).unwrap().trim().to_string(),
            cluster: Some(cluster),
            made: Default::default(),
        }
    }

    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls).unwrap()
    }

    pub fn version(&self) -> String {
        self.client()
            .query_one("SHOW server_version", &[])
            .unwrap()
            .get(0)
    }

    /// A new database `name` (dropped first if a run left it); its URL.
    pub fn database(&self, name: &str) -> String {
        self.copy(name, None)
    }

    /// A new database `name`, a copy of `template` if given; its URL.
    pub fn copy(&self, name: &str, template: Option<&str>) -> String {
        let mut c = self.client();
        c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .unwrap();
        let from = template.map_or(String::new(), |t| format!(" TEMPLATE {t}"));
        c.batch_execute(&format!("CREATE DATABASE {name}{from}"))
            .unwrap();
        self.made.borrow_mut().push(name.to_string());
        self.url(name)
    }

    /// VACUUM (ANALYZE) database `name`.
    pub fn vacuum(&self, name: &str) {
        let mut c = postgres::Client::connect(&self.url(name), postgres::NoTls).unwrap();
        c.batch_execute("VACUUM (ANALYZE)").unwrap();
    }

    /// Whether a database `name` is there (kept by an earlier run).
    pub fn has(&self, name: &str) -> bool {
        let found = self
            .client()
            .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&name])
            .unwrap();
        if found.is_some() {
            self.made.borrow_mut().push(name.to_string());
        }
        found.is_some()
    }

    /// The URL of database `name` on this server.
    pub fn url(&self, name: &str) -> String {
        let (before, after) = self.url.split_once('?').unwrap_or((&self.url, ""));
        let root = &before[..before.rfind('/').unwrap()];
        format!("{root}/{name}?{after}")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if std::env::var_os("ESC_BENCH_DIR").is_some() && self.cluster.is_none() {
            println!("kept the databases on {}", self.url);
            return;
        }
        let mut c = self.client();
        for name in self.made.borrow().iter() {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
        if let Some(cluster) = &self.cluster {
            let _ = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/postgres"))
                .arg("stop")
                .arg(cluster)
                .status();
        }
    }
}
