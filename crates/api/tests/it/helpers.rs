//! `spawn_app()`: a real server on port 0 over a fresh database, and a small HTTP client.

use std::path::PathBuf;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use sen_api::config::Config;
use sen_api::server;
use serde_json::{Value, json};
use uuid::Uuid;

/// The JWT secret of every test server (tests forge tokens with it).
pub const TEST_SECRET: &str = "test-secret-test-secret-test-secret-0123";

/// A running server and its database.
pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub state: sen_api::state::AppState,
    _dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

/// A logged-in user.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub refresh: String,
    pub user_id: Uuid,
    pub workspace_id: Uuid,
    pub email: String,
}

/// A test's answer: status, headers and JSON body (Null when the body is not JSON).
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Answer {
    /// Asserts the status and returns the body.
    #[track_caller]
    pub fn expect(self, status: u16) -> Value {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {}",
            self.body
        );
        self.body
    }

    /// Asserts a problem+json answer with this status and code.
    #[track_caller]
    pub fn problem(self, status: u16, code: &str) -> Value {
        let ct = self
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(
            ct.starts_with("application/problem+json"),
            "content type {ct}; body {}",
            self.body
        );
        assert_eq!(self.body["code"], code, "body: {}", self.body);
        assert_eq!(self.body["status"], status, "body: {}", self.body);
        assert_eq!(self.body["type"], format!("/problems/{code}"));
        self.expect(status)
    }
}

/// Config for a test server over `database_url`.
pub fn test_config(database_url: String, dir: &std::path::Path) -> Config {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    Config {
        database_url,
        bind: "127.0.0.1:0".into(),
        data_dir: dir.to_path_buf(),
        jwt_secret: Some(TEST_SECRET.into()),
        access_ttl: Duration::from_secs(900),
        refresh_ttl: Duration::from_secs(3600),
        json_limit: 1024 * 1024,
        login_limit_per_ip: 1000,
        login_limit_per_account: 10,
        static_dir: dir.join("no-spa"),
        docs_dir: root.join("openapi/node_modules/swagger-ui-dist"),
        workers: 1,
    }
}

/// A fresh database URL: a new PostgreSQL database when `SEN_TEST_PG_URL` is set, else an
/// SQLite file in `dir`. Returns the admin URL and name of a PostgreSQL database to drop.
pub async fn fresh_database(dir: &std::path::Path) -> (String, Option<(String, String)>) {
    match std::env::var("SEN_TEST_PG_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        Some(admin) => {
            let name = format!("sen_test_{}", Uuid::now_v7().simple());
            let url = sen_store::admin::create_postgres_database(&admin, &name)
                .await
                .expect("create test database");
            (url, Some((admin, name)))
        }
        None => (format!("sqlite://{}", dir.join("sen.db").display()), None),
    }
}

/// Starts a server with a config changed by `tweak`.
pub async fn spawn_app_with(tweak: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let (url, pg) = fresh_database(dir.path()).await;
    let mut config = test_config(url, dir.path());
    tweak(&mut config);
    let app = server::build(config).await.expect("build server");
    tokio::spawn(app.server);
    TestApp {
        base: format!("http://127.0.0.1:{}", app.port),
        client: reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .expect("client"),
        state: app.state,
        _dir: dir,
        pg,
    }
}

/// Starts a server with the test config.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

impl TestApp {
    /// A client of a server running elsewhere (the crash test's `sen` binary) at `base`;
    /// `state` stays `other`'s.
    pub fn pointed_at(other: &TestApp, base: &str) -> TestApp {
        TestApp {
            base: base.to_owned(),
            client: other.client.clone(),
            state: other.state.clone(),
            _dir: tempfile::tempdir().expect("temp dir"),
            pg: None,
        }
    }

    /// Sends a request; `body` is sent as JSON when given.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        answer(req.send().await.expect("request")).await
    }

    pub async fn get(&self, path: &str, token: &str) -> Answer {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Answer {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: &str, body: Value) -> Answer {
        self.call(Method::PATCH, path, Some(token), Some(body))
            .await
    }

    pub async fn delete(&self, path: &str, token: &str) -> Answer {
        self.call(Method::DELETE, path, Some(token), None).await
    }

    /// Signs up a new workspace; `label` makes the email unique within the test.
    pub async fn signup(&self, label: &str) -> Session {
        let email = format!("{label}@example.vn");
        let body = json!({"workspace_name": format!("Công ty {label}"), "name": label,
                          "email": email, "password": "mật khẩu dài"});
        let res = self
            .call(Method::POST, "/api/v1/auth/signup", None, Some(body))
            .await
            .expect(201);
        Session {
            token: res["tokens"]["access_token"]
                .as_str()
                .expect("token")
                .to_owned(),
            refresh: res["tokens"]["refresh_token"]
                .as_str()
                .expect("refresh")
                .to_owned(),
            user_id: res["user"]["id"]
                .as_str()
                .expect("id")
                .parse()
                .expect("uuid"),
            workspace_id: res["workspace"]["id"]
                .as_str()
                .expect("ws")
                .parse()
                .expect("uuid"),
            email,
        }
    }

    /// An admin adds a user with `role` and logs them in.
    pub async fn add_user(&self, admin: &Session, label: &str, role: &str) -> Session {
        let email = format!("{label}@example.vn");
        let body = json!({"email": email, "name": label, "role": role, "password": "mật khẩu dài"});
        let user = self
            .post("/api/v1/users", &admin.token, body)
            .await
            .expect(201);
        let tokens = self.login(&email, "mật khẩu dài").await.expect(200);
        Session {
            token: tokens["access_token"].as_str().expect("token").to_owned(),
            refresh: tokens["refresh_token"]
                .as_str()
                .expect("refresh")
                .to_owned(),
            user_id: user["id"].as_str().expect("id").parse().expect("uuid"),
            workspace_id: admin.workspace_id,
            email,
        }
    }

    pub async fn login(&self, email: &str, password: &str) -> Answer {
        let body = json!({"email": email, "password": password});
        self.call(Method::POST, "/api/v1/auth/login", None, Some(body))
            .await
    }

    /// Sends raw bytes with the given content type.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Answer {
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.base))
            .body(body);
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        answer(req.send().await.expect("request")).await
    }
}

pub async fn answer(res: reqwest::Response) -> Answer {
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.bytes().await.expect("body");
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        body,
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg.take() {
            // Drop the test database on a separate thread: Drop cannot await.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(rt) = rt {
                    let _ = rt.block_on(sen_store::admin::drop_postgres_database(&admin, &name));
                }
            })
            .join();
        }
    }
}

/// The ids of a list page's items, in order.
pub fn item_ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Every page of the list at `path` (its query included), following `next_cursor` to the
/// end: the ids in order, and each page as answered.
pub async fn every_page(app: &TestApp, token: &str, path: &str) -> (Vec<String>, Vec<Value>) {
    let (mut ids, mut pages) = (Vec::new(), Vec::new());
    let mut cursor: Option<String> = None;
    loop {
        let after = cursor
            .as_ref()
            .map_or(String::new(), |c| format!("&cursor={c}"));
        let page = app.get(&format!("{path}{after}"), token).await.expect(200);
        ids.extend(item_ids(&page));
        cursor = page["next_cursor"].as_str().map(str::to_owned);
        pages.push(page);
        if cursor.is_none() {
            return (ids, pages);
        }
    }
}

/// `count` copies of the record `id` (its children too), each with a new id.
pub async fn copies_of(app: &TestApp, ws: Uuid, id: Uuid, count: usize) -> u64 {
    let db = app.state.db.conn();
    let row = sen_store::repo::records::get_any(db, ws, id)
        .await
        .unwrap()
        .unwrap();
    let children = sen_store::repo::records::load_children(db, ws, &[id])
        .await
        .unwrap()
        .remove(&id)
        .unwrap();
    let copies: Vec<_> = (0..count)
        .map(|_| {
            let mut r = row.clone();
            r.id = Uuid::now_v7();
            (r, children.clone())
        })
        .collect();
    let tx = app.state.db.begin().await.unwrap();
    let written = sen_store::repo::records::insert_many(&tx, &copies)
        .await
        .unwrap();
    sen_store::commit(tx).await.unwrap();
    written
}
