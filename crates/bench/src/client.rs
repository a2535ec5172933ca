//! A small JSON client for the server under test.

use std::time::Duration;

use anyhow::{Context, bail};
use serde_json::Value;

/// The server's base URL and one keep-alive connection pool.
#[derive(Clone)]
pub struct Http {
    base: String,
    client: reqwest::Client,
}

impl Http {
    /// A client of `http://127.0.0.1:<port>`.
    pub fn new(port: u16) -> anyhow::Result<Http> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(120))
            .pool_max_idle_per_host(4)
            .build()
            .context("building the HTTP client")?;
        Ok(Http {
            base: format!("http://127.0.0.1:{port}"),
            client,
        })
    }

    /// POSTs JSON and returns the JSON answer; any status but 2xx is an error.
    pub async fn post(
        &self,
        path: &str,
        token: Option<&str>,
        body: &Value,
    ) -> anyhow::Result<Value> {
        let mut req = self.client.post(format!("{}{path}", self.base)).json(body);
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        let res = req.send().await.with_context(|| format!("POST {path}"))?;
        let status = res.status();
        let text = res
            .text()
            .await
            .with_context(|| format!("reading POST {path}"))?;
        if !status.is_success() {
            bail!("POST {path}: {status}: {text}");
        }
        serde_json::from_str(&text).with_context(|| format!("POST {path}: not JSON: {text}"))
    }

    /// GETs `path` with a query string and returns the status and the whole body; the body is
    /// read to its end, so timing this call times the complete answer.
    pub async fn get(
        &self,
        path: &str,
        token: &str,
        query: &[(&str, String)],
    ) -> anyhow::Result<(u16, Vec<u8>)> {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .query(query)
            .bearer_auth(token)
            .send()
            .await
            .with_context(|| format!("GET {path}"))?;
        let status = res.status().as_u16();
        let body = res
            .bytes()
            .await
            .with_context(|| format!("reading GET {path}"))?;
        Ok((status, body.to_vec()))
    }
}

impl Http {
    /// Uploads `bytes` as an import of `kind` (multipart) and returns the JSON answer.
    pub async fn upload(
        &self,
        token: &str,
        kind: &str,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> anyhow::Result<Value> {
        let form = reqwest::multipart::Form::new()
            .text("kind", kind.to_owned())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned()),
            );
        let res = self
            .client
            .post(format!("{}/api/v1/imports", self.base))
            .bearer_auth(token)
            .multipart(form)
            .send()
            .await
            .context("POST /api/v1/imports")?;
        let status = res.status();
        let text = res.text().await.context("reading the upload answer")?;
        if !status.is_success() {
            bail!("POST /api/v1/imports: {status}: {text}");
        }
        serde_json::from_str(&text).context("the upload answer is not JSON")
    }

    /// POSTs `body` and reads the answer as it arrives, keeping only its first bytes: the
    /// status, those bytes and the answer's length. (The client runs in the server's process:
    /// a whole file held here would count as the server's memory.)
    pub async fn post_download(
        &self,
        path: &str,
        token: &str,
        body: &Value,
    ) -> anyhow::Result<(u16, Vec<u8>, u64)> {
        let mut res = self
            .client
            .post(format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .with_context(|| format!("POST {path}"))?;
        let status = res.status().as_u16();
        let (mut head, mut len) = (Vec::new(), 0u64);
        while let Some(chunk) = res.chunk().await? {
            if head.len() < HEAD_BYTES {
                head.extend_from_slice(&chunk[..chunk.len().min(HEAD_BYTES - head.len())]);
            }
            len += chunk.len() as u64;
        }
        Ok((status, head, len))
    }
}

/// Bytes of a downloaded answer kept.
const HEAD_BYTES: usize = 64;

/// A string field of a JSON answer.
pub fn text<'a>(v: &'a Value, pointer: &str) -> anyhow::Result<&'a str> {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .with_context(|| format!("no {pointer} in {v}"))
}
