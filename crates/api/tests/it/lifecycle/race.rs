//! Two simultaneous conversions of one lead: exactly one wins, nothing is left behind.

use serde_json::json;

use super::{id, total};
use crate::helpers::spawn_app;
use crate::records::create;

#[tokio::test]
async fn simultaneous_conversions_of_one_lead_one_wins() {
    let app = spawn_app().await;
    let s = app.signup("race").await;
    for round in 0..3u64 {
        let lead = create(
            &app,
            &s.token,
            "leads",
            json!({
                "first_name": format!("Đua {round}"), "company_name": format!("Công ty {round}"),
                "phones": [{"number": format!("091234560{round}")}]
            }),
        )
        .await;
        let path = format!("/api/v1/leads/{}/convert", id(&lead));
        let body = json!({"contact": {"create": {}}, "account": {"create": {}},
                          "opportunity": {"create": {"amount": "1000000"}}});
        let (a, b) = tokio::join!(
            app.post(&path, &s.token, body.clone()),
            app.post(&path, &s.token, body.clone())
        );
        let mut statuses = [a.status.as_u16(), b.status.as_u16()];
        statuses.sort_unstable();
        assert_eq!(
            statuses,
            [200, 409],
            "round {round}: {} / {}",
            a.body["detail"],
            b.body["detail"]
        );
        let (winner, loser) = if a.status == 409 { (b, a) } else { (a, b) };
        loser.problem(409, "conflict");
        let lead = app
            .get(&format!("/api/v1/leads/{}", id(&lead)), &s.token)
            .await
            .expect(200);
        assert_eq!(lead["converted_to"], winner.body["contact"]["id"]);
        assert_eq!(lead["version"], 2, "claimed once");
        let n = round + 1;
        for kind in ["contacts", "accounts", "opportunities"] {
            assert_eq!(total(&app, &s, kind).await, n, "round {round}: {kind}");
        }
    }
}
