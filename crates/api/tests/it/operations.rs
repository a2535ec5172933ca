//! Health, readiness, metrics, request ids, docs.

use crate::helpers::spawn_app;

#[tokio::test]
async fn health_ready_and_metrics_answer() {
    let app = spawn_app().await;
    let health = app
        .client
        .get(format!("{}/health", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    assert!(
        health.headers().contains_key("x-request-id"),
        "every answer carries a request id"
    );
    assert_eq!(
        health.json::<serde_json::Value>().await.unwrap()["status"],
        "ok"
    );

    let ready: serde_json::Value = app
        .client
        .get(format!("{}/ready", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ready["status"], "ok");
    let backend = if std::env::var("SEN_TEST_PG_URL").is_ok_and(|v| !v.is_empty()) {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(ready["database"], backend);

    let metrics = app
        .client
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap();
    let text = metrics.text().await.unwrap();
    assert!(
        text.contains("sen_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"} 1"),
        "{text}"
    );
    assert!(text.contains("sen_http_request_duration_seconds_count"));
}

#[tokio::test]
async fn unknown_routes_and_methods_are_problems() {
    let app = spawn_app().await;
    let s = app.signup("ops").await;
    app.get("/api/v1/nothing-here", &s.token)
        .await
        .problem(404, "route_not_found");
    let put = app
        .call(reqwest::Method::PUT, "/api/v1/me", Some(&s.token), None)
        .await;
    assert_eq!(
        put.problem(404, "route_not_found")["detail"],
        "no route for PUT /api/v1/me"
    );
}

#[tokio::test]
async fn docs_page_is_served_without_a_cdn() {
    let app = spawn_app().await;
    let page = app
        .client
        .get(format!("{}/docs", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("/docs/assets/swagger-ui-bundle.js"));
    assert!(html.contains("/api/openapi.json"));
    assert!(
        !html.contains("https://"),
        "the docs page must load nothing from the network"
    );
    let spec: serde_json::Value = app
        .client
        .get(format!("{}/api/openapi.json", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3.1"));
    let traversal = app
        .client
        .get(format!("{}/docs/assets/..%2FCargo.toml", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(traversal.status(), 404);
}
