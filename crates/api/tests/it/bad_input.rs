//! Malformed requests are 4xx problem+json with a clear message — never a 500.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{TEST_SECRET, spawn_app};

struct Case {
    name: &'static str,
    method: Method,
    path: String,
    token: Option<String>,
    content_type: Option<&'static str>,
    body: Vec<u8>,
    status: u16,
    code: &'static str,
}

fn json_case(
    name: &'static str,
    path: &str,
    token: Option<&str>,
    body: &str,
    status: u16,
    code: &'static str,
) -> Case {
    Case {
        name,
        method: Method::POST,
        path: path.into(),
        token: token.map(str::to_owned),
        content_type: Some("application/json"),
        body: body.as_bytes().to_vec(),
        status,
        code,
    }
}

#[tokio::test]
async fn malformed_requests_are_client_errors_with_problem_bodies() {
    let app = spawn_app().await;
    let s = app.signup("bad").await;
    let t = Some(s.token.as_str());
    let expired = sen_api::auth::jwt::JwtKeys::new(TEST_SECRET.as_bytes(), -5)
        .issue(s.user_id, s.workspace_id)
        .unwrap();
    let signup = "/api/v1/auth/signup";
    let huge = format!("{{\"name\": \"{}\"}}", "x".repeat(2 * 1024 * 1024));
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));

    let mut cases = vec![
        json_case(
            "truncated JSON",
            signup,
            None,
            "{\"workspace_name\": ",
            400,
            "malformed_body",
        ),
        json_case("empty body", signup, None, "", 400, "malformed_body"),
        json_case(
            "not an object",
            signup,
            None,
            "\"just text\"",
            400,
            "malformed_body",
        ),
        json_case(
            "array instead of object",
            signup,
            None,
            "[1,2,3]",
            422,
            "validation_failed",
        ),
        json_case(
            "trailing garbage",
            signup,
            None,
            r#"{"workspace_name":"a","name":"b","email":"t@b.vn","password":"long enough"} x"#,
            400,
            "malformed_body",
        ),
        json_case(
            "deeply nested",
            signup,
            None,
            &deep,
            422,
            "validation_failed",
        ),
        json_case(
            "wrong type: email is a number",
            signup,
            None,
            r#"{"workspace_name":"a","name":"b","email":5,"password":"long enough"}"#,
            422,
            "validation_failed",
        ),
        json_case(
            "missing field",
            signup,
            None,
            r#"{"workspace_name":"a","name":"b"}"#,
            422,
            "validation_failed",
        ),
        json_case(
            "unknown field",
            signup,
            None,
            r#"{"workspace_name":"a","name":"b","email":"a@b.vn","password":"long enough","admin":true}"#,
            422,
            "validation_failed",
        ),
        json_case(
            "null password",
            "/api/v1/auth/login",
            None,
            r#"{"email":"a@b.vn","password":null}"#,
            422,
            "validation_failed",
        ),
        json_case(
            "workspace_id not a uuid",
            "/api/v1/auth/login",
            None,
            r#"{"email":"a@b.vn","password":"x","workspace_id":"nope"}"#,
            422,
            "validation_failed",
        ),
        json_case(
            "refresh token is a number",
            "/api/v1/auth/refresh",
            None,
            r#"{"refresh_token":123}"#,
            422,
            "validation_failed",
        ),
        json_case(
            "unknown role",
            "/api/v1/users",
            t,
            r#"{"email":"x@b.vn","name":"x","role":"superuser","password":"long enough"}"#,
            422,
            "validation_failed",
        ),
        json_case(
            "unknown assignment rule",
            "/api/v1/teams",
            t,
            r#"{"name":"t","assignment_rule":"lottery"}"#,
            422,
            "validation_failed",
        ),
        json_case(
            "members not a list",
            "/api/v1/teams",
            t,
            r#"{"name":"t","member_ids":"everyone"}"#,
            422,
            "validation_failed",
        ),
        json_case(
            "member id not a uuid",
            "/api/v1/teams",
            t,
            r#"{"name":"t","member_ids":["x"]}"#,
            422,
            "validation_failed",
        ),
        json_case(
            "data_owner is a number",
            "/api/v1/teams",
            t,
            r#"{"name":"t","data_owner":1}"#,
            422,
            "validation_failed",
        ),
        json_case(
            "bad token",
            "/api/v1/teams",
            Some("garbage.token.here"),
            r#"{"name":"t"}"#,
            401,
            "invalid_token",
        ),
        json_case(
            "expired token",
            "/api/v1/teams",
            Some(&expired),
            r#"{"name":"t"}"#,
            401,
            "token_expired",
        ),
        json_case(
            "unknown API key",
            "/api/v1/teams",
            Some("sen_notarealkey"),
            r#"{"name":"t"}"#,
            401,
            "invalid_token",
        ),
        json_case(
            "no token",
            "/api/v1/teams",
            None,
            r#"{"name":"t"}"#,
            401,
            "unauthenticated",
        ),
        json_case("huge body", signup, None, &huge, 413, "payload_too_large"),
    ];
    let mut raw = |name, method, path: &str, token: Option<&str>, ct, body: &[u8], status, code| {
        cases.push(Case {
            name,
            method,
            path: path.into(),
            token: token.map(str::to_owned),
            content_type: ct,
            body: body.to_vec(),
            status,
            code,
        });
    };
    raw(
        "wrong content type",
        Method::POST,
        signup,
        None,
        Some("text/plain"),
        b"{}",
        415,
        "unsupported_media_type",
    );
    raw(
        "form instead of JSON",
        Method::POST,
        signup,
        None,
        Some("application/x-www-form-urlencoded"),
        b"a=b",
        415,
        "unsupported_media_type",
    );
    raw(
        "no content type",
        Method::POST,
        signup,
        None,
        None,
        b"{}",
        415,
        "unsupported_media_type",
    );
    raw(
        "invalid UTF-8",
        Method::POST,
        signup,
        None,
        Some("application/json"),
        b"{\"name\": \"\xff\xfe\"}",
        400,
        "malformed_body",
    );
    raw(
        "id is not a uuid",
        Method::GET,
        "/api/v1/users/not-a-uuid",
        t,
        None,
        b"",
        400,
        "invalid_path",
    );
    raw(
        "PATCH active is a string",
        Method::PATCH,
        &format!("/api/v1/users/{}", s.user_id),
        t,
        Some("application/json"),
        br#"{"active":"yes"}"#,
        422,
        "validation_failed",
    );
    raw(
        "no such method",
        Method::PUT,
        "/api/v1/teams",
        t,
        Some("application/json"),
        b"{}",
        404,
        "route_not_found",
    );

    assert!(cases.len() >= 20);
    for case in cases {
        let mut req = app
            .client
            .request(case.method.clone(), format!("{}{}", app.base, case.path))
            .body(case.body);
        if let Some(token) = &case.token {
            req = req.bearer_auth(token);
        }
        if let Some(ct) = case.content_type {
            req = req.header("content-type", ct);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let ct = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let body: serde_json::Value = res.json().await.unwrap_or(json!(null));
        assert_eq!(status, case.status, "{}: body {body}", case.name);
        assert!(
            ct.starts_with("application/problem+json"),
            "{}: content type {ct}",
            case.name
        );
        assert_eq!(body["code"], case.code, "{}: body {body}", case.name);
        assert_eq!(body["status"], case.status, "{}", case.name);
        assert!(
            body["detail"].as_str().is_some_and(|d| !d.is_empty()),
            "{}: a clear message: {body}",
            case.name
        );
    }
    // A field error names its field.
    let res = app
        .raw(
            Method::POST,
            signup,
            None,
            Some("application/json"),
            br#"{"workspace_name":"a","name":"b","email":5,"password":"long enough"}"#.to_vec(),
        )
        .await;
    assert_eq!(
        res.problem(422, "validation_failed")["errors"][0]["field"],
        "email"
    );
    let res = app
        .raw(
            Method::POST,
            signup,
            None,
            Some("application/json"),
            br#"{"workspace_name":"a","name":"b","password":"long enough"}"#.to_vec(),
        )
        .await;
    let err = &res.problem(422, "validation_failed")["errors"][0];
    assert_eq!(
        (err["field"].as_str(), err["code"].as_str()),
        (Some("email"), Some("required"))
    );
}
