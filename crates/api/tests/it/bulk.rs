//! Acting on many records (PRODUCT §3): bulk actions on ticked ids and on "all matching",
//! only on visible records, their undo, fair round-robin assignment, and background jobs
//! that survive an instance dying mid-way.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{Session, TestApp, spawn_app, test_config};
use crate::records::create;

/// Creates `n` leads by `s` with `extra` fields; their ids in creation (= id) order.
async fn leads(app: &TestApp, s: &Session, n: usize, extra: Value) -> Vec<String> {
    let mut ids = Vec::new();
    for i in 0..n {
        let mut body = json!({"first_name": format!("Lead {i}"), "last_name": "Trần"});
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        let lead = create(app, &s.token, "leads", body).await;
        ids.push(lead["id"].as_str().unwrap().to_owned());
    }
    ids
}

async fn bulk(app: &TestApp, s: &Session, body: Value) -> crate::helpers::Answer {
    app.post("/api/v1/leads/bulk", &s.token, body).await
}

async fn get(app: &TestApp, s: &Session, id: &str) -> Value {
    app.get(&format!("/api/v1/leads/{id}"), &s.token)
        .await
        .expect(200)
}

/// A record as compared across an undo: without its bookkeeping.
fn state_of(mut v: Value) -> Value {
    if let Some(o) = v.as_object_mut() {
        o.remove("version");
        o.remove("updated_at");
    }
    v
}

#[tokio::test]
async fn bulk_touches_only_visible_records_and_counts_right() {
    let app = spawn_app().await;
    let boss = app.signup("boss").await;
    let mem = app.add_user(&boss, "mem", "member").await;
    let other = app.signup("other").await;
    let hidden = leads(&app, &boss, 3, json!({"sharing": {"mode": "private"}})).await;
    let mine = leads(&app, &mem, 4, json!({})).await;
    let foreign = leads(&app, &other, 2, json!({})).await;

    // "All matching" (empty filter): the member's four, never the boss's private three.
    let res = bulk(
        &app,
        &mem,
        json!({"action": "add_tags", "selection": {"filter": {}},
                                      "params": {"tags": ["Hội chợ"]}}),
    )
    .await
    .expect(200);
    assert_eq!(res["matched"], 4);
    assert_eq!(res["changed"], 4);
    assert_eq!(res["skipped_forbidden"], 0);
    assert_eq!(res["failed"], 0);
    assert!(
        res["operation_id"]
            .as_str()
            .unwrap()
            .parse::<Uuid>()
            .is_ok()
    );
    let tagged = get(&app, &mem, &mine[0]).await;
    assert_eq!(tagged["tags"], json!(["Hội chợ"]));
    assert_eq!(tagged["version"], 2, "a changed row gets a new version");
    for id in &hidden {
        assert_eq!(get(&app, &boss, id).await["tags"], json!([]));
    }
    // Adding a tag a row already has is no change.
    let again = bulk(
        &app,
        &mem,
        json!({"action": "add_tags", "selection": {"filter": {}},
                                        "params": {"tags": ["hoi cho"]}}),
    )
    .await
    .expect(200);
    assert_eq!(
        (again["matched"].as_u64(), again["changed"].as_u64()),
        (Some(4), Some(0))
    );

    // Ticked ids mixing visible, invisible and another workspace's records.
    let ids: Vec<&String> = mine.iter().chain(&hidden).chain(&foreign).collect();
    let res = bulk(
        &app,
        &mem,
        json!({"action": "set_status", "selection": {"ids": ids},
                                      "params": {"status": "qualified"}}),
    )
    .await
    .expect(200);
    assert_eq!(res["matched"], 7, "{res}");
    assert_eq!(res["skipped_forbidden"], 3);
    assert_eq!(res["changed"], 4);
    for id in &hidden {
        assert_eq!(get(&app, &boss, id).await["status"], "new");
    }
    for id in &foreign {
        assert_eq!(get(&app, &other, id).await["status"], "new");
    }
    // A filter the action itself affects: remove the tag the filter selects by.
    let res = bulk(
        &app,
        &mem,
        json!({"action": "remove_tags",
                                      "selection": {"filter": {"tags_any": ["hội chợ"]}},
                                      "params": {"tags": ["Hội chợ"]}}),
    )
    .await
    .expect(200);
    assert_eq!(
        (res["matched"].as_u64(), res["changed"].as_u64()),
        (Some(4), Some(4))
    );
    // One timeline entry per changed record and action.
    let timeline = app
        .get(&format!("/api/v1/leads/{}/activities", mine[1]), &mem.token)
        .await
        .expect(200);
    let events: Vec<&str> = timeline["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["event"].as_str())
        .collect();
    for e in ["bulk_add_tags", "bulk_set_status", "bulk_remove_tags"] {
        assert_eq!(events.iter().filter(|x| **x == e).count(), 1, "{events:?}");
    }
    // Nonsense is refused before anything is written.
    bulk(
        &app,
        &mem,
        json!({"action": "set_status", "selection": {"ids": mine},
                            "params": {"status": "nope"}}),
    )
    .await
    .problem(422, "validation_failed");
    bulk(&app, &mem, json!({"action": "delete", "selection": {}}))
        .await
        .problem(422, "validation_failed");
}

#[tokio::test]
async fn every_action_is_undone_exactly_except_rows_changed_since() {
    let app = spawn_app().await;
    let boss = app.signup("boss").await;
    let seller = app.add_user(&boss, "seller", "member").await;
    let nosy = app.add_user(&boss, "nosy", "member").await;
    let actions = [
        json!({"action": "add_tags", "params": {"tags": ["b", "mới"]}}),
        json!({"action": "remove_tags", "params": {"tags": ["a"]}}),
        json!({"action": "assign", "params": {"user_id": seller.user_id}}),
        json!({"action": "set_status", "params": {"status": "contacting"}}),
        json!({"action": "delete", "params": {}}),
    ];
    for action in actions {
        let ids = leads(&app, &boss, 4, json!({"tags": ["a"]})).await;
        let mut before = Vec::new();
        for id in &ids {
            before.push(state_of(get(&app, &boss, id).await));
        }
        let mut body = action.clone();
        body["selection"] = json!({"ids": ids});
        let res = bulk(&app, &boss, body).await.expect(200);
        assert_eq!(res["changed"], 4, "{action}: {res}");
        let op = res["operation_id"].as_str().unwrap().to_owned();
        for id in &ids[..3] {
            let after = app.get(&format!("/api/v1/leads/{id}"), &boss.token).await;
            if after.status == 200 {
                assert_ne!(state_of(after.body), before[0], "{action} changed the row");
            }
        }
        // Someone changes the last row after the bulk action.
        let last = &ids[3];
        if action["action"] == "delete" {
            app.post(
                &format!("/api/v1/leads/{last}/restore"),
                &boss.token,
                json!({}),
            )
            .await
            .expect(200);
        } else {
            app.patch(
                &format!("/api/v1/leads/{last}"),
                &boss.token,
                json!({"job_title": "Giám đốc"}),
            )
            .await
            .expect(200);
        }
        let changed_since = state_of(get(&app, &boss, last).await);

        let path = format!("/api/v1/operations/{op}/undo");
        app.post(&path, &nosy.token, json!({}))
            .await
            .problem(403, "forbidden");
        let undo = app.post(&path, &boss.token, json!({})).await.expect(200);
        assert_eq!(undo["restored"], 3, "{action}: {undo}");
        assert_eq!(undo["skipped_changed_since"], json!([last]));
        assert_eq!(undo["skipped_changed_since_count"], 1);
        for (id, was) in ids[..3].iter().zip(&before) {
            assert_eq!(&state_of(get(&app, &boss, id).await), was, "{action}: {id}");
        }
        assert_eq!(
            state_of(get(&app, &boss, last).await),
            changed_since,
            "left alone"
        );
        app.post(&path, &boss.token, json!({}))
            .await
            .problem(409, "conflict");
    }
    let other = app.signup("other").await;
    app.post(
        &format!("/api/v1/operations/{}/undo", Uuid::now_v7()),
        &other.token,
        json!({}),
    )
    .await
    .problem(404, "not_found");
}

#[tokio::test]
async fn concurrent_round_robin_assignments_stay_fair() {
    let app = spawn_app().await;
    let boss = app.signup("boss").await;
    let mut members = Vec::new();
    for name in ["m0", "m1", "m2"] {
        members.push(
            app.add_user(&boss, name, "member")
                .await
                .user_id
                .to_string(),
        );
    }
    let team = app
        .post(
            "/api/v1/teams",
            &boss.token,
            json!({"name": "Sales", "assignment_rule": "round_robin",
                                                    "member_ids": members}),
        )
        .await
        .expect(201);
    let team_id = team["id"].as_str().unwrap();
    let ids = leads(&app, &boss, 21, json!({})).await;
    let (a, b) = (&ids[..10], &ids[10..]);
    let req = |sel: &[String]| json!({"action": "assign", "selection": {"ids": sel}, "params": {"team_id": team_id}});
    let (ra, rb) = tokio::join!(bulk(&app, &boss, req(a)), bulk(&app, &boss, req(b)));
    assert_eq!(ra.expect(200)["changed"], 10);
    assert_eq!(rb.expect(200)["changed"], 11);

    let mut per_member: HashMap<String, usize> = HashMap::new();
    let mut index_of = |owners: Vec<String>| -> Vec<usize> {
        owners
            .into_iter()
            .map(|o| {
                *per_member.entry(o.clone()).or_default() += 1;
                members.iter().position(|m| *m == o).expect("a team member")
            })
            .collect()
    };
    let mut owners_a = Vec::new();
    for id in a {
        owners_a.push(
            get(&app, &boss, id).await["owner_id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let mut owners_b = Vec::new();
    for id in b {
        owners_b.push(
            get(&app, &boss, id).await["owner_id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let (ia, ib) = (index_of(owners_a), index_of(owners_b));
    assert_eq!(per_member.len(), 3);
    assert!(per_member.values().all(|n| *n == 7), "{per_member:?}");
    // Each operation took consecutive turns from where the other stopped: either a = 0..10
    // and b = 10..21, or b = 0..11 and a = 11..21 (ids are in assignment order).
    let starts = |seq: &[usize]| seq[0];
    let consecutive = |seq: &[usize]| seq.windows(2).all(|w| w[1] == (w[0] + 1) % 3);
    assert!(consecutive(&ia) && consecutive(&ib), "{ia:?} {ib:?}");
    assert!(
        (starts(&ia) == 0 && starts(&ib) == 10 % 3) || (starts(&ib) == 0 && starts(&ia) == 11 % 3),
        "disjoint consecutive cursor ranges: {ia:?} {ib:?}"
    );
    let stored = sen_store::repo::teams::get(
        app.state.db.conn(),
        boss.workspace_id,
        team_id.parse().unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(stored.rr_cursor, 21);
    // An owner change shows on the timeline as one.
    let timeline = app
        .get(&format!("/api/v1/leads/{}/activities", a[0]), &boss.token)
        .await
        .expect(200);
    assert!(timeline["items"].as_array().unwrap().iter().any(|e| {
        e["event"] == "owner_changed"
            && e["data"]["to"]
                .as_str()
                .is_some_and(|t| members.contains(&t.to_owned()))
    }));
}

#[tokio::test]
async fn a_team_without_rule_or_members_is_refused_clearly() {
    let app = spawn_app().await;
    let boss = app.signup("boss").await;
    let m = app.add_user(&boss, "m", "member").await;
    let ids = leads(&app, &boss, 2, json!({})).await;
    let none = app
        .post(
            "/api/v1/teams",
            &boss.token,
            json!({"name": "Không luật", "member_ids": [m.user_id]}),
        )
        .await
        .expect(201);
    let p = bulk(
        &app,
        &boss,
        json!({"action": "assign", "selection": {"ids": ids},
                                     "params": {"team_id": none["id"]}}),
    )
    .await
    .problem(422, "validation_failed");
    let msg = p["errors"][0]["message"].as_str().unwrap();
    assert!(
        msg.contains("has no assignment rule; choose a user or set the team's rule"),
        "{msg}"
    );
    assert_eq!(p["errors"][0]["field"], "params.team_id");
    let empty = app
        .post(
            "/api/v1/teams",
            &boss.token,
            json!({"name": "Trống", "assignment_rule": "random"}),
        )
        .await
        .expect(201);
    bulk(
        &app,
        &boss,
        json!({"action": "assign", "selection": {"ids": ids},
                             "params": {"team_id": empty["id"]}}),
    )
    .await
    .problem(422, "validation_failed");
    // Random spreads over the members; unknown users are refused.
    let team = app
        .post(
            "/api/v1/teams",
            &boss.token,
            json!({"name": "Ngẫu nhiên", "assignment_rule": "random",
                                                   "member_ids": [m.user_id]}),
        )
        .await
        .expect(201);
    let res = bulk(
        &app,
        &boss,
        json!({"action": "assign", "selection": {"ids": ids},
                                       "params": {"team_id": team["id"]}}),
    )
    .await
    .expect(200);
    assert_eq!(res["changed"], 2);
    assert_eq!(
        get(&app, &boss, &ids[0]).await["owner_id"],
        m.user_id.to_string()
    );
    bulk(
        &app,
        &boss,
        json!({"action": "assign", "selection": {"ids": ids},
                             "params": {"user_id": Uuid::now_v7()}}),
    )
    .await
    .problem(422, "validation_failed");
}

/// Polls a job until it is no longer queued or running.
async fn finished_job(app: &TestApp, s: &Session, job: &str) -> Value {
    for _ in 0..200 {
        let j = app
            .get(&format!("/api/v1/jobs/{job}"), &s.token)
            .await
            .expect(200);
        if j["state"] == "done" || j["state"] == "failed" {
            return j;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("job {job} did not finish");
}

#[tokio::test]
async fn a_large_bulk_action_runs_as_a_job() {
    let app = spawn_app().await;
    app.state.bulk_sync_limit.store(5, Ordering::Relaxed);
    let boss = app.signup("boss").await;
    let ids = leads(&app, &boss, 12, json!({})).await;
    // Two already carry the tag: they are matched but not changed (nor logged for undo).
    bulk(
        &app,
        &boss,
        json!({"action": "add_tags", "selection": {"ids": [ids[3], ids[7]]},
                                            "params": {"tags": ["lớn"]}}),
    )
    .await
    .expect(200);
    let accepted = bulk(
        &app,
        &boss,
        json!({"action": "add_tags", "selection": {"filter": {}},
                                            "params": {"tags": ["lớn"]}}),
    )
    .await
    .expect(202);
    let job_id = accepted["job_id"].as_str().unwrap();
    let job = finished_job(&app, &boss, job_id).await;
    assert_eq!(job["state"], "done", "{job}");
    assert_eq!(job["kind"], "bulk");
    assert_eq!(job["progress"], 1.0);
    assert_eq!(job["counts"]["total"], 12);
    assert_eq!(job["counts"]["processed"], 12);
    assert_eq!(job["counts"]["changed"], 10);
    assert_eq!(job["result"]["matched"], 12);
    assert_eq!(job["result"]["changed"], 10);
    assert_eq!(job["result"]["operation_id"], accepted["operation_id"]);
    for id in &ids {
        assert_eq!(get(&app, &boss, id).await["tags"], json!(["lớn"]));
    }
    let other = app.signup("other").await;
    app.get(&format!("/api/v1/jobs/{job_id}"), &other.token)
        .await
        .problem(404, "not_found");
    let undo = app
        .post(
            &format!(
                "/api/v1/operations/{}/undo",
                accepted["operation_id"].as_str().unwrap()
            ),
            &boss.token,
            json!({}),
        )
        .await
        .expect(200);
    assert_eq!(undo["restored"], 10);
    assert_eq!(get(&app, &boss, &ids[0]).await["tags"], json!([]));
    // The rows tagged before the job keep the tag the job did not give them.
    assert_eq!(get(&app, &boss, &ids[3]).await["tags"], json!(["lớn"]));
}

#[tokio::test]
async fn a_job_orphaned_by_a_dead_instance_is_finished_after_a_restart() {
    use sen_store::repo::{jobs, operations};
    let app = spawn_app().await;
    let boss = app.signup("boss").await;
    let ids = leads(&app, &boss, 7, json!({})).await;
    let mut sorted: Vec<Uuid> = ids.iter().map(|s| s.parse().unwrap()).collect();
    sorted.sort();
    // What an instance that died mid-job leaves: a job `running`, claimed, with an old
    // heartbeat, its cursor after the first 3 rows (in id order) it committed, and its
    // unfinished operation. (Those 3 are left as they are here: the restarted job must not
    // touch them again.)
    let (job_id, op_id) = (Uuid::now_v7(), Uuid::now_v7());
    let action = json!({"action": "set_status", "status": "qualified"});
    let plan = json!({"operation_id": op_id, "kind": "lead", "actor_id": boss.user_id,
                      "selection": {"filter": {}}, "action": action});
    let long_ago = chrono::Utc::now() - chrono::Duration::hours(1);
    let tx = app.state.db.begin().await.unwrap();
    operations::insert(
        &tx,
        operations::NewOperation {
            id: op_id,
            workspace_id: boss.workspace_id,
            kind: "lead".into(),
            action: "set_status".into(),
            params: action.clone(),
            created_by: boss.user_id,
            job_id: Some(job_id),
            matched: 7,
            skipped_forbidden: 0,
            at: long_ago,
        },
    )
    .await
    .unwrap();
    jobs::insert(
        &tx,
        jobs::NewJob {
            id: job_id,
            workspace_id: boss.workspace_id,
            kind: "bulk".into(),
            params: plan,
            counts: json!({"total": 7, "processed": 3, "changed": 3, "failed": 0, "matched": 7,
                       "skipped_forbidden": 0, "last_id": sorted[2]}),
            created_by: boss.user_id,
            at: long_ago,
        },
    )
    .await
    .unwrap();
    let claimed = jobs::claim_next(&tx, "dead-instance", long_ago)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(claimed.state, "running");
    sen_store::commit(tx).await.unwrap();

    // A restarted instance on the same database re-queues it at start-up and finishes it.
    let dir = tempfile::tempdir().unwrap();
    let restarted = sen_api::server::build(test_config(
        app.state.config.database_url.clone(),
        dir.path(),
    ))
    .await
    .unwrap();
    tokio::spawn(restarted.server);
    let job = finished_job(&app, &boss, &job_id.to_string()).await;
    assert_eq!(job["state"], "done", "{job}");
    assert_eq!(job["result"]["changed"], 7);
    assert_eq!(job["counts"]["processed"], 7);
    for (i, id) in sorted.iter().enumerate() {
        let status = get(&app, &boss, &id.to_string()).await["status"].clone();
        if i < 3 {
            assert_ne!(status, "qualified", "row {i} was before the cursor");
        } else {
            assert_eq!(status, "qualified", "row {i}");
        }
    }
}
