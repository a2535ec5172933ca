//! Writes the OpenAPI document to `openapi/openapi.json` (or the path given).

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "openapi/openapi.json".into());
    std::fs::write(&path, sen_api::openapi::pretty_json()?)?;
    println!("wrote {path}");
    Ok(())
}
